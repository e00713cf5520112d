import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  deliveryProvidersExtensionPoint,
  PipelineProvider,
  PipelineRunRecord,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import {
  DeliveryPortalPolicy,
  GroupAncestry,
} from '@slipway/plugin-permission-backend-module-delivery-policy';
import { Knex } from 'knex';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';
import {
  CONTRACTOR_VISIBLE,
  trustCatalog,
  trustMemberships,
} from './trustCatalog';

/**
 * An adopter's catalog policy on top of Slipway's default one: members of
 * group:default/contractors see only entities annotated for them.
 */
class ContractorPolicy implements PermissionPolicy {
  constructor(private readonly inner: PermissionPolicy) {}
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = query;
    if (
      permission.name === 'catalog.entity.read' &&
      isResourcePermission(permission, 'catalog-entity') &&
      user?.info.ownershipEntityRefs.includes('group:default/contractors')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.hasAnnotation({
          annotation: CONTRACTOR_VISIBLE,
          value: 'true',
        }),
      );
    }
    return this.inner.handle(query, user);
  }
}

/** An audit event as the test auditor saw it. */
export interface RecordedAudit {
  eventId: string;
  meta: Record<string, unknown>;
  withRequest: boolean;
  outcome?: 'succeeded' | 'failed';
  error?: string;
}

/** A provider of the given runs that serves logs, reruns and cancels, and records the actions. */
export class TrustProvider implements PipelineProvider {
  readonly actions: string[] = [];
  constructor(private readonly runs: PipelineRunRecord[]) {}
  getProviderName() {
    return 'test';
  }
  async connect(sink: PipelineRunSink) {
    await sink.upsertRuns(this.runs);
  }
  async getTaskLogs(
    _run: unknown,
    task: { name: string },
    options: { limitBytes: number },
  ) {
    this.actions.push(`logs ${task.name} ${options.limitBytes}`);
    return { steps: [{ name: 'step', log: `log of ${task.name}` }] };
  }
  async rerun(run: { uid: string }) {
    this.actions.push(`rerun ${run.uid}`);
    return {
      name: `rerun-of-${run.uid}`,
      uid: `rerun-${run.uid}-${this.actions.length}`,
    };
  }
  async cancel(run: { uid: string }) {
    this.actions.push(`cancel ${run.uid}`);
  }
  async describePipeline() {
    return {
      params: [{ name: 'target', type: 'string' as const, default: 'all' }],
    };
  }
  async startRun(target: { pipelineName: string }) {
    this.actions.push(`start ${target.pipelineName}`);
    return { name: `${target.pipelineName}-started-${this.actions.length}` };
  }
}

/**
 * The delivery backend with the real catalog backend (fed with {@link trustCatalog}), the real
 * permission backend and Slipway's default portal policy (plus a contractor visibility rule), the
 * real permissions service; users' group memberships as a sign-in resolver gives them. Pipelines
 * `external:pipeline-svc-a` and `external:pipeline-svc-b` are scoped to their own component.
 */
export async function startTrustBackend(knex: Knex, runs: PipelineRunRecord[]) {
  // Every plugin its own database: in memory on SQLite, a schema of the test database on
  // PostgreSQL.
  const pg = knex.client.config.client === 'pg';
  const database = pg ? [databaseServiceFactory] : [];
  const databaseConfig = pg
    ? {
        database: {
          client: 'pg',
          connection: knex.client.config.connection,
          pluginDivisionMode: 'schema',
        },
      }
    : {};
  const provider = new TrustProvider(runs);
  const audits: RecordedAudit[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      const audit: RecordedAudit = {
        eventId: options.eventId,
        meta: { ...options.meta },
        withRequest: Boolean(options.request),
      };
      audits.push(audit);
      return {
        success: async params => {
          audit.outcome = 'succeeded';
          Object.assign(audit.meta, params?.meta);
        },
        fail: async params => {
          audit.outcome = 'failed';
          audit.error = params.error.message;
          Object.assign(audit.meta, params?.meta);
        },
      };
    },
  });
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      catalogPlugin,
      permissionPlugin,
      permissionsServiceFactory,
      auditor.factory,
      ...database,
      mockServices.rootConfig.factory({
        data: {
          backend: databaseConfig,
          permission: { enabled: true },
          catalog: {
            rules: [
              { allow: ['Component', 'Group', 'User', 'System', 'Resource'] },
            ],
          },
          delivery: {
            servicePrincipals: [
              {
                subject: 'external:pipeline-svc-a',
                entityRefs: ['component:default/svc-a'],
              },
              {
                subject: 'external:pipeline-svc-b',
                entityRefs: ['component:default/svc-b'],
              },
            ],
          },
        },
      }),
      // The mock auth service forwards a user's credentials without the calling plugin as actor,
      // which the permission backend refuses for direct user requests; a plugin forwarding a
      // user's token in a real backend names itself.
      createServiceFactory({
        service: coreServices.auth,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => {
          const inner = mockServices.auth({ pluginId: plugin.getId() });
          return {
            authenticate: (token, options) =>
              inner.authenticate(token, options),
            getNoneCredentials: () => inner.getNoneCredentials(),
            getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
            isPrincipal: inner.isPrincipal.bind(
              inner,
            ) as typeof inner.isPrincipal,
            getLimitedUserToken: c => inner.getLimitedUserToken(c),
            listPublicServiceKeys: () => inner.listPublicServiceKeys(),
            async getPluginRequestToken(options) {
              const principal = options.onBehalfOf.principal as {
                type: string;
                userEntityRef?: string;
              };
              return principal.type === 'user'
                ? {
                    token: mockCredentials.user.token(principal.userEntityRef, {
                      actor: { subject: `plugin:${plugin.getId()}` },
                    }),
                  }
                : inner.getPluginRequestToken(options);
            },
          };
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials) {
            const userEntityRef = (
              credentials.principal as { userEntityRef: string }
            ).userEntityRef;
            return {
              userEntityRef,
              ownershipEntityRefs: [
                userEntityRef,
                ...(trustMemberships[userEntityRef] ?? []),
              ],
            };
          },
        }),
      }),
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'trust-entities',
        register(reg) {
          reg.registerInit({
            deps: { processing: catalogProcessingExtensionPoint },
            async init({ processing }) {
              processing.addEntityProvider({
                getProviderName: () => 'trust-entities',
                connect: async connection =>
                  connection.applyMutation({
                    type: 'full',
                    entities: trustCatalog.map(entity => ({
                      entity,
                      locationKey: 'trust-entities',
                    })),
                  }),
              });
            },
          });
        },
      }),
      createBackendModule({
        pluginId: 'permission',
        moduleId: 'trust-policy',
        register(reg) {
          reg.registerInit({
            deps: {
              policy: policyExtensionPoint,
              catalog: catalogServiceRef,
              auth: coreServices.auth,
            },
            async init({ policy, catalog, auth }) {
              policy.setPolicy(
                new ContractorPolicy(
                  new DeliveryPortalPolicy(
                    new GroupAncestry({ catalog, auth }, 0),
                  ),
                ),
              );
            },
          });
        },
      }),
      createBackendModule({
        pluginId: 'delivery',
        moduleId: 'trust-provider',
        register(reg) {
          reg.registerInit({
            deps: { providers: deliveryProvidersExtensionPoint },
            async init({ providers }) {
              providers.addPipelineProvider(provider);
            },
          });
        },
      }),
    ],
  });
  await waitForCatalog(server);
  return { server, provider, audits };
}

/** Until the catalog has processed and stitched every test entity (relations included). */
async function waitForCatalog(server: Parameters<typeof request>[0]) {
  const deadline = Date.now() + 50_000;
  for (;;) {
    const res = await request(server)
      .get(
        '/api/catalog/entities/by-query?filter=kind=group&filter=kind=component&filter=kind=user&fields=kind,metadata.name,relations',
      )
      .set('Authorization', mockCredentials.service.header());
    const items: Array<{ relations?: unknown[] }> = res.body.items ?? [];
    const related = items.filter(i => (i.relations ?? []).length > 0).length;
    if (items.length === trustCatalog.length - 2 && related === items.length) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The catalog did not settle: ${items.length} entities, ${related} with relations (${res.status})`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
