import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  deliveryProvidersExtensionPoint,
  PipelineRunRecord,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import { TektonClusterIngestor } from '../provider/TektonClusterIngestor';
import { pipelineRunWithTasks } from '../provider/testObjects';
import { FakeKubeApiServer, waitFor } from '../testing';
import { getEntityRun, startTestPortal } from './__testUtils__/testPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Hands the delivery backend's sink (the one providers write into) to the test. */
function sinkCapture() {
  let captured: PipelineRunSink | undefined;
  const module = createBackendModule({
    pluginId: 'delivery',
    moduleId: 'test-sink-capture',
    register(reg) {
      reg.registerInit({
        deps: { providers: deliveryProvidersExtensionPoint },
        async init({ providers }) {
          providers.addPipelineProvider({
            getProviderName: () => 'test-capture',
            connect: async sink => {
              captured = sink;
            },
          });
        },
      });
    },
  });
  return { module, sink: () => captured! };
}

/** A replica whose database writes stall: each write waits until the test lets it through. */
class StalledSink implements PipelineRunSink {
  readonly held: Array<{
    records: PipelineRunRecord[];
    release: () => Promise<void>;
  }> = [];
  #open = false;
  constructor(private readonly target: () => PipelineRunSink) {}
  upsertRuns(records: PipelineRunRecord[]): Promise<void> {
    if (this.#open) return this.target().upsertRuns(records);
    return new Promise((resolve, reject) => {
      this.held.push({
        records,
        release: () =>
          this.target()
            .upsertRuns(records)
            .then(resolve, error => {
              reject(error);
              throw error;
            }),
      });
    });
  }
  /** Lets the oldest held write through; resolves once it is stored. */
  async releaseOldest(): Promise<void> {
    await this.held.shift()!.release();
  }
  /** Lets every held and later write through. */
  async unstall(): Promise<void> {
    this.#open = true;
    for (const write of this.held.splice(0)) await write.release();
  }
}

describe.each(databases.eachSupportedId())(
  'a stalled replica on %p',
  databaseId => {
    let kube: FakeKubeApiServer;
    let stale: TektonClusterIngestor | undefined;
    let stalled: StalledSink | undefined;
    afterEach(async () => {
      await stalled?.unstall().catch(() => undefined);
      stalled = undefined;
      await stale?.stop().catch(() => undefined);
      await kube?.close();
    });

    it('releasing an old update of a run does not roll the finished run back to running', async () => {
      kube = await FakeKubeApiServer.start();
      const running = pipelineRunWithTasks({
        name: 'deploy-1',
        kubernetesId: 'payments-api',
        outcome: 'running',
      });
      running.taskRuns.forEach(t => kube.put('taskruns', t));
      kube.put('pipelineruns', running.pipelineRun);

      const capture = sinkCapture();
      const server = await startTestPortal(
        kube,
        await databases.init(databaseId),
        {},
        [capture.module],
      );
      // the replica watching the cluster stores the running run
      await waitFor(
        async () =>
          (
            await getEntityRun(server, 'uid-deploy-1').catch(() => undefined)
          )?.status === 'running',
        'the running run',
        10_000,
      );

      // another replica read the same running state, and its write stalls
      const sink = new StalledSink(capture.sink);
      stalled = sink;
      stale = new TektonClusterIngestor({
        cluster: { name: 'local', url: kube.url, skipTLSVerify: true },
        kubeConfig: kube.kubeConfig(),
        sink,
        logger: mockServices.logger.mock(),
        flushDelayMs: 10,
      });
      await stale.start();
      await waitFor(() => sink.held.length === 1, 'the stalled write');
      expect(sink.held[0].records[0].status).toBe('running');

      // the run finishes; the watching replica stores that
      const done = pipelineRunWithTasks({
        name: 'deploy-1',
        kubernetesId: 'payments-api',
        outcome: 'succeeded',
      });
      done.taskRuns.forEach(t => kube.put('taskruns', t));
      kube.put('pipelineruns', done.pipelineRun);
      await waitFor(
        async () =>
          (await getEntityRun(server, 'uid-deploy-1')).status === 'succeeded',
        'the finished run',
        10_000,
      );

      // the stalled replica's old write goes through at last
      await sink.releaseOldest();
      const run = await getEntityRun(server, 'uid-deploy-1');
      expect(run.status).toBe('succeeded');
      expect(run.durationSeconds).toBe(42);
      expect(run.tasks.map(t => t.status)).toEqual(['succeeded', 'succeeded']);

      // its later writes (of the finished state) change nothing
      await sink.unstall();
      await stale.stop();
      stale = undefined;
      expect((await getEntityRun(server, 'uid-deploy-1')).status).toBe(
        'succeeded',
      );
    });
  },
);
