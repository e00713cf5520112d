import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  deliveryProvidersExtensionPoint,
  PipelineProvider,
  PipelineRunRecord,
  PipelineRunSink,
  RunActionContext,
  StartRunTarget,
} from '@slipway/plugin-delivery-node';
import { PipelineParamSpec } from '@slipway/plugin-delivery-common';
import { Knex } from 'knex';
import { deliveryPlugin } from '../../plugin';
import { approvalCatalog } from './approvalCatalog';

/** A provider that reports the given runs and records reruns and started runs. */
export class RecordingProvider implements PipelineProvider {
  readonly reruns: string[] = [];
  readonly starts: Array<StartRunTarget & { requestedBy: string }> = [];
  /** The params `describePipeline` answers. */
  params: PipelineParamSpec[] = [];
  constructor(private readonly runs: PipelineRunRecord[]) {}
  getProviderName() {
    return 'recording';
  }
  async connect(sink: PipelineRunSink) {
    await sink.upsertRuns(this.runs);
  }
  async rerun(run: { uid: string }) {
    this.reruns.push(run.uid);
    return { name: `rerun-of-${run.uid}`, uid: `new-${run.uid}` };
  }
  async describePipeline() {
    return { params: this.params };
  }
  async startRun(target: StartRunTarget, context: RunActionContext) {
    this.starts.push({ ...target, requestedBy: context.requestedBy });
    const n = this.starts.length;
    return { name: `${target.pipelineName}-run-${n}`, uid: `started-${n}` };
  }
}

/** The delivery backend on this database, with the approval test catalog and a provider. */
export async function startApprovalBackend(
  knex: Knex,
  options: {
    runs?: PipelineRunRecord[];
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  const provider = new RecordingProvider(options.runs ?? []);
  const auditor = mockServices.auditor.mock();
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      createBackendModule({
        pluginId: 'delivery',
        moduleId: 'recording-provider',
        register(reg) {
          reg.registerInit({
            deps: { providers: deliveryProvidersExtensionPoint },
            async init({ providers }) {
              providers.addPipelineProvider(provider);
            },
          });
        },
      }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: {} }),
      catalogServiceMock.factory({ entities: approvalCatalog }),
      auditor.factory,
      ...(options.features ?? []),
    ],
  });
  return { server, provider, auditor };
}
