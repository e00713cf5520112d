import { FakeGithubServer } from './FakeGithubServer';
import { FakeRepository } from './fakeGithubState';
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

/** GitHub's state once Deploy #7 (run 1003) has finished: succeeded at 12:03, last job at 12:02:50. */
export function finishDeployRun(repo: FakeRepository) {
  const run = repo.runs.find(r => r.id === 1003)!;
  Object.assign(run, {
    status: 'completed',
    conclusion: 'success',
    updated_at: '2026-11-20T12:03:00Z',
  });
  Object.assign(repo.jobs[1003][1], {
    status: 'completed',
    conclusion: 'success',
    completed_at: '2026-11-20T12:02:50Z',
    steps: [],
  });
  return run;
}
