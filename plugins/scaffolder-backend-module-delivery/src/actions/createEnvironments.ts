import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ENVIRONMENT_TIERS,
  buildEnvironmentObjects,
} from '../environments/environmentObjects';
import { KubeApplier } from '../kube/KubeApplier';
import { applyAll } from '../kube/applyAll';
import { targetCluster } from '../kube/clusterConfig';
import { checkNamespaces } from '../ownership/checkNamespaces';
import { entityRefSchema } from '../ownership/entityRef';
import { pipelineTokenFor } from './pipelineTokenFor';
import { ownerOf, ownershipMetadata } from '../ownership/owner';
import { checkDeployClusterRole } from '../policy/kindRules';
import { checkNamespaceName } from '../policy/namespaceRules';
import { readScaffolderPolicy } from '../policy/readPolicy';
import { appliedSchema } from './appliedSchema';
import { examples } from './createEnvironments.examples';
import { kubernetesName } from './kubeNames';

/**
 * `delivery:environments:create` — per environment a labelled namespace, a
 * ServiceAccount, a RoleBinding that lets the pipeline deploy, a
 * ResourceQuota and LimitRange sized by tier; plus the CI namespace with the
 * pipeline's ServiceAccount, the webhook Secret and (when
 * `delivery.scaffolder.pipelineToken` is set) the `slipway-token` Secret the
 * Slipway Tasks read. Server-side apply, so a
 * re-run updates instead of failing on "exists".
 *
 * Every object is labelled with the owning entity and the template run;
 * namespaces that exist and belong to another entity or run, or are not
 * Slipway's, are refused before anything is written (unless
 * `delivery.scaffolder.adoptNamespaces` lists them). Namespace names and
 * `deployClusterRole` are checked against `delivery.scaffolder`.
 *
 * @public
 */
export function createEnvironmentsAction(options: { config: Config }) {
  const policy = readScaffolderPolicy(options.config);
  return createTemplateAction({
    id: 'delivery:environments:create',
    description:
      'Creates (or updates) the Kubernetes namespaces, RBAC, quotas and webhook Secret for a component and its environments',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          kubernetesName(
            z,
            'Component name; labels the namespaces and names objects',
            40,
          ),
        environments: z =>
          z
            .array(
              z.object({
                name: kubernetesName(z, 'Environment name, e.g. staging', 20),
                tier: z
                  .enum(ENVIRONMENT_TIERS)
                  .describe(
                    'Tier: development (or dev), staging or production; sizes the quota',
                  ),
                namespace: kubernetesName(
                  z,
                  'Namespace (default <name>-<environment>); must match delivery.scaffolder.namespacePattern and not be reserved',
                ).optional(),
              }),
            )
            .min(1)
            .describe('Environments in promotion order'),
        entityRef: z =>
          entityRefSchema(
            z,
            'The entity that owns the namespaces and objects (default component:default/<name>); recorded on each',
          ).optional(),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Cluster name from delivery.scaffolder.clusters; default the only one',
            ),
        ciNamespace: z =>
          kubernetesName(
            z,
            'Namespace of the pipeline and triggers (default <name>-ci)',
          ).optional(),
        serviceAccountName: z =>
          kubernetesName(
            z,
            'ServiceAccount the pipeline runs as, in the CI namespace (default <name>-pipeline)',
          ).optional(),
        deployClusterRole: z =>
          z
            .string()
            .optional()
            .describe(
              'ClusterRole the pipeline gets in each environment namespace, one of delivery.scaffolder.deployClusterRoles (default edit)',
            ),
        webhookSecret: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'Webhook secret value, stored in a Secret in the CI namespace; never output or logged',
            ),
        webhookSecretName: z =>
          kubernetesName(
            z,
            'Name of that Secret (default <name>-webhook)',
          ).optional(),
        webhookSecretKey: z =>
          z
            .string()
            .regex(/^[-._a-zA-Z0-9]+$/)
            .optional()
            .describe('Key of the value in that Secret (default secret)'),
      },
      output: {
        namespaces: z =>
          z
            .array(z.string())
            .describe('The environment namespaces, in promotion order'),
        ciNamespace: z => z.string().describe('The CI namespace'),
        created: z =>
          z
            .array(z.string())
            .describe('Namespaces this run created (empty in a dry run)'),
        plan: appliedSchema,
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const owner = ownerOf(
        ctx,
        input.entityRef ?? `component:default/${input.name}`,
      );
      const environments = input.environments.map(e => ({
        name: e.name,
        tier: e.tier,
        namespace: e.namespace ?? `${input.name}-${e.name}`,
      }));
      const ciNamespace = input.ciNamespace ?? `${input.name}-ci`;
      const namespaces = environments.map(e => e.namespace);
      const all = [ciNamespace, ...namespaces];
      const repeated = all.find((ns, i) => all.indexOf(ns) !== i);
      if (repeated) {
        throw new InputError(`namespace "${repeated}" is used twice`);
      }
      checkNamespaceName(policy, ciNamespace, 'CI namespace');
      for (const env of environments) {
        checkNamespaceName(
          policy,
          env.namespace,
          `namespace of environment ${env.name}`,
        );
      }
      const deployClusterRole = input.deployClusterRole ?? 'edit';
      checkDeployClusterRole(policy, deployClusterRole);
      const cluster = targetCluster(options.config, input.cluster);
      const objects = buildEnvironmentObjects({
        component: input.name,
        ciNamespace,
        pipelineServiceAccount:
          input.serviceAccountName ?? `${input.name}-pipeline`,
        deployClusterRole,
        webhookSecret: input.webhookSecret
          ? {
              name: input.webhookSecretName ?? `${input.name}-webhook`,
              key: input.webhookSecretKey ?? 'secret',
              value: input.webhookSecret,
            }
          : undefined,
        slipwayToken: await pipelineTokenFor(options.config, owner.entityRef),
        environments,
        ownership: ownershipMetadata(owner),
        namespaceBinding: cluster.namespaceBinding,
      });
      const applier = new KubeApplier(cluster.kubeConfig, cluster.name);
      const states = ctx.isDryRun
        ? undefined
        : await checkNamespaces({
            readNamespace: ns => applier.readNamespace(ns),
            owner,
            namespaces: all,
            policy,
            logger: ctx.logger,
          });
      const plan = await applyAll(ctx, {
        applier,
        objects,
        keyPrefix: `delivery-environments:${cluster.name}`,
        existingNamespaces: new Set(
          all.filter(ns => states && states.get(ns) !== 'absent'),
        ),
      });
      ctx.output('namespaces', namespaces);
      ctx.output('ciNamespace', ciNamespace);
      ctx.output(
        'created',
        plan
          .filter(o => o.kind === 'Namespace' && o.result === 'created')
          .map(o => o.name),
      );
      ctx.output('plan', plan);
    },
  });
}
