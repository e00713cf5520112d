import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { FakeKubeApiServer } from '../testing';
import { TektonPipelineProvider } from './TektonPipelineProvider';

describe('TektonPipelineProvider resync task', () => {
  let kube: FakeKubeApiServer;
  let provider: TektonPipelineProvider | undefined;
  beforeEach(async () => {
    kube = await FakeKubeApiServer.start();
  });
  afterEach(async () => {
    await provider?.stop();
    await kube.close();
  });

  it("passes the scheduler's abort signal to the resync, which stops without writing", async () => {
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => void tasks.push(task),
    });
    provider = TektonPipelineProvider.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'local',
                  url: kube.url,
                  serviceAccountToken: kube.token,
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
      }),
      { logger: mockServices.logger.mock(), scheduler, retryDelayMs: 50 },
    );
    const upsertRuns = jest.fn(async () => {});
    await provider.connect({ upsertRuns });
    expect(tasks.map(t => t.id)).toEqual(['delivery-tekton-resync-local']);
    const lists = kube.trackRequests(/\/(taskruns|pipelineruns)$/, 2_000);
    const controller = new AbortController();
    const run = tasks[0].fn(controller.signal);
    // abort while the (held) list is in flight, however busy the machine is
    for (let waited = 0; lists.count === 0 && waited < 10_000; waited += 20) {
      await new Promise(r => setTimeout(r, 20));
    }
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(lists.count).toBeGreaterThanOrEqual(1);
    expect(upsertRuns).not.toHaveBeenCalled();
  });
});
