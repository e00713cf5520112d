import { FakeGithubServer } from './FakeGithubServer';
import {
  DEPLOYMENTS,
  JOBS,
  OWNER,
  REPO,
  RUN_41,
  RUN_42,
  RUN_DEPLOY,
} from './githubFixtures';

/** Fills `acme/notification-service` with copies of the fixture runs, jobs, deployments and logs. */
export function seedFakeGithub(server: FakeGithubServer) {
  const repo = server.repo(`${OWNER}/${REPO}`);
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  repo.runs.push(...copy([RUN_41, RUN_42, RUN_DEPLOY]));
  Object.assign(repo.jobs, copy(JOBS));
  repo.deployments.push(...copy(DEPLOYMENTS));
  repo.logs[5003] =
    '2026-11-20T11:30:07.0000000Z ##[group]Run npm test\n2026-11-20T11:33:00.0000000Z 1 failing\n';
  return repo;
}
