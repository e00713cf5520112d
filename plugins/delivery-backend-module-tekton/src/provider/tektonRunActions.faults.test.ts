import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { FakeKubeApiServer } from '../testing';
import { providerFor, storedRun } from './__testUtils__/testProvider';

const requestedBy = { requestedBy: 'user:default/ada' };
const PATCH_RUN =
  /^PATCH \/apis\/tekton\.dev\/v1\/namespaces\/ci\/pipelineruns\/build-1$/;

/** What must never reach a Slipway user: the cluster's headers and raw Status body. */
function expectNoUpstreamText(error: Error) {
  for (const leak of [
    'content-type',
    'application/json',
    'Headers',
    'Body',
    'injected failure',
    '"kind"',
  ]) {
    expect(error.message).not.toContain(leak);
  }
}

describe('Tekton actions: timeouts and cluster errors', () => {
  let kube: FakeKubeApiServer;
  beforeEach(async () => {
    kube = await FakeKubeApiServer.start();
  });
  afterEach(async () => kube.close());

  it('gives up on a slow log after the configured requestTimeout with a 503', async () => {
    kube.setPodLog('ci', 'build-1-test-pod', 'step-run', 'ok\n');
    kube.trackRequests(/\/pods\/build-1-test-pod\/log$/, 5_000);
    const run = storedRun();
    const started = Date.now();
    const error = await providerFor(kube, { requestTimeout: '300ms' })
      .getTaskLogs(run, run.tasks[0], { limitBytes: 4096 })
      .catch(e => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      "Reading the log of step 'run' of pod ci/build-1-test-pod in cluster 'local': the cluster did not answer in time",
    );
  });

  it('gives up on a slow read of the run to rerun with a 503', async () => {
    kube.trackRequests(/\/pipelineruns\/build-1$/, 5_000);
    const started = Date.now();
    const error = await providerFor(kube, {
      requestTimeout: { milliseconds: 300 },
    })
      .rerun(storedRun(), requestedBy)
      .catch(e => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain(
      "Reading PipelineRun ci/build-1 in cluster 'local' for a rerun",
    );
  });

  it('maps a cluster 403 on cancel to NotAllowedError without the headers or body', async () => {
    kube.put('pipelineruns', {
      metadata: { name: 'build-1', namespace: 'ci' },
      spec: {},
    });
    kube.failNextRequests(1, 403, PATCH_RUN);
    const error = await providerFor(kube)
      .cancel(storedRun(), requestedBy)
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      "Cancelling PipelineRun ci/build-1 in cluster 'local': the cluster refused Slipway's service account (HTTP 403)",
    );
    expectNoUpstreamText(error);
  });

  it('maps a cluster 409 on cancel to ConflictError without the headers or body', async () => {
    kube.put('pipelineruns', {
      metadata: { name: 'build-1', namespace: 'ci' },
      spec: {},
    });
    kube.failNextRequests(1, 409, PATCH_RUN);
    const error = await providerFor(kube)
      .cancel(storedRun(), requestedBy)
      .catch(e => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(
      "Cancelling PipelineRun ci/build-1 in cluster 'local'",
    );
    expectNoUpstreamText(error);
  });

  it('maps 401, 404 and 5xx to 403, 404 and 503', async () => {
    const provider = providerFor(kube);
    kube.failNextRequests(1, 401, PATCH_RUN);
    await expect(
      provider.cancel(storedRun(), requestedBy),
    ).rejects.toBeInstanceOf(NotAllowedError);
    // no such PipelineRun: the fake's own 404
    await expect(
      provider.cancel(storedRun(), requestedBy),
    ).rejects.toBeInstanceOf(NotFoundError);
    kube.failNextRequests(1, 500, /^POST /);
    kube.put('pipelineruns', {
      metadata: { name: 'build-1', namespace: 'ci' },
      spec: {},
    });
    const error = await provider.rerun(storedRun(), requestedBy).catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      "Creating a rerun of PipelineRun ci/build-1 in cluster 'local': the cluster answered HTTP 500",
    );
    kube.setPodLog('ci', 'other-pod', 'step-run', 'x\n');
    const run = storedRun();
    const gone = await provider
      .getTaskLogs(run, run.tasks[0], { limitBytes: 1024 })
      .catch(e => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.message).toContain("pod 'build-1-test-pod'");
  });

  it('answers 503 when the cluster cannot be reached', async () => {
    const provider = providerFor(kube);
    await kube.stop();
    const run = storedRun();
    const error = await provider
      .getTaskLogs(run, run.tasks[0], { limitBytes: 1024 })
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain('the cluster cannot be reached');
  });
});
