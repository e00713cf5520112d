import {
  DEPLOYMENTS,
  ENTITY_REF as entityRef,
  REPO_REF as repo,
  SHA_41,
  SHA_42,
} from '../__testUtils__/githubFixtures';
import {
  readSharedScm,
  sharedScmPresent,
} from '../__testUtils__/sharedScmFixtures';
import { mapDeployment } from './mapDeployment';

describe('mapDeployment', () => {
  it('maps finished deployments and leaves unfinished ones out', () => {
    const mapped = DEPLOYMENTS.map(d =>
      mapDeployment(d.deployment, d.statuses, { repo, entityRef }),
    );
    expect(mapped).toEqual([
      undefined,
      {
        id: 'github:github.com/acme/notification-service/deployments/9003',
        entityRef,
        environment: 'production',
        status: 'failed',
        startedAt: '2026-11-20T11:40:00Z',
        finishedAt: '2026-11-20T11:41:30Z',
        commitSha: SHA_42,
        version: SHA_42,
      },
      {
        id: 'github:github.com/acme/notification-service/deployments/9002',
        entityRef,
        environment: 'production',
        status: 'success',
        startedAt: '2026-11-20T10:10:00Z',
        finishedAt: '2026-11-20T10:12:00Z',
        commitSha: SHA_41,
        version: SHA_41,
      },
      {
        id: 'github:github.com/acme/notification-service/deployments/9001',
        entityRef,
        environment: 'staging',
        status: 'success',
        startedAt: '2026-11-20T10:05:00Z',
        finishedAt: '2026-11-20T10:06:00Z',
        commitSha: SHA_41,
        version: SHA_41,
      },
    ]);
  });

  it('reads error as failed, and a deployment without statuses as unfinished', () => {
    const { deployment } = DEPLOYMENTS[1];
    expect(
      mapDeployment(
        deployment,
        [{ id: 1, state: 'error', created_at: '2026-11-20T11:45:00Z' }],
        { repo, entityRef },
      )?.status,
    ).toBe('failed');
    expect(mapDeployment(deployment, [], { repo, entityRef })).toBeUndefined();
  });
});

const describeShared = sharedScmPresent('the deployment_status mapping test')
  ? describe
  : describe.skip;

describeShared('mapDeployment on the shared deployment_status delivery', () => {
  it('maps github-deployment_status.json (success to production)', () => {
    const payload = readSharedScm('github-deployment_status.json');
    expect(
      mapDeployment(payload.deployment, [payload.deployment_status], {
        repo: { host: 'github.com', owner: 'Codertocat', repo: 'Hello-World' },
        entityRef: 'component:default/hello-world',
      }),
    ).toEqual({
      id: 'github:github.com/codertocat/hello-world/deployments/145988746',
      entityRef: 'component:default/hello-world',
      environment: 'production',
      status: 'success',
      startedAt: '2019-05-15T15:20:53Z',
      finishedAt: '2019-05-15T15:20:55Z',
      commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      version: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    });
  });

  it('does not take github-deployment.json (created, no status) as finished', () => {
    const payload = readSharedScm('github-deployment.json');
    expect(
      mapDeployment(payload.deployment, [], {
        repo: { host: 'github.com', owner: 'Codertocat', repo: 'Hello-World' },
        entityRef: 'component:default/hello-world',
      }),
    ).toBeUndefined();
  });
});
