import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { KubeApplier } from '../kube/KubeApplier';
import { applyAll } from '../kube/applyAll';
import { targetCluster } from '../kube/clusterConfig';
import { readManifests } from '../kube/readManifests';
import { NamespaceState, checkNamespaces } from '../ownership/checkNamespaces';
import { entityRefSchema } from '../ownership/entityRef';
import { ownerOf } from '../ownership/owner';
import { namespaceClaim } from '../ownership/withOwnership';
import { checkNamespaceName } from '../policy/namespaceRules';
import { readScaffolderPolicy } from '../policy/readPolicy';
import { appliedSchema } from './appliedSchema';
import { examples } from './applyTekton.examples';
import { kubernetesName } from './kubeNames';
import { checkManifests, placeManifests } from './placeManifests';

/** Where an EventListener answers inside the cluster (its Service `el-<name>`). */
export const IN_CLUSTER_URL =
  'http://el-{name}.{namespace}.svc.cluster.local:8080';

function eventListenerUrl(
  template: string,
  values: { name: string; namespace: string; cluster: string },
): string {
  return template.replace(
    /\{(name|namespace|cluster)\}/g,
    (_, key: keyof typeof values) => values[key],
  );
}

/**
 * `delivery:tekton:apply` — server-side applies the generated Tekton
 * manifests (Pipeline, Tasks, Triggers) to the CI namespace and outputs the
 * EventListener's URL for the webhook step.
 *
 * Only kinds `delivery.scaffolder.allowedKinds` lists (cluster-scoped ones
 * only from `allowedClusterScopedKinds`), only into an existing namespace
 * that belongs to `entityRef` and this template run (or that
 * `adoptNamespaces` lists), each object labelled with its owner.
 *
 * @public
 */
export function createApplyTektonAction(options: { config: Config }) {
  const policy = readScaffolderPolicy(options.config);
  const urlTemplate =
    options.config.getOptionalString(
      'delivery.scaffolder.eventListenerUrlTemplate',
    ) ?? IN_CLUSTER_URL;
  return createTemplateAction({
    id: 'delivery:tekton:apply',
    description:
      'Applies the Tekton manifests in the workspace to the CI namespace (server-side apply) and outputs the EventListener URL',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'File or directory in the workspace with the manifests; every *.yaml / *.yml below it (default .tekton)',
            ),
        namespace: z =>
          kubernetesName(
            z,
            'CI namespace to apply to; it must exist and belong to entityRef (delivery:environments:create)',
          ),
        entityRef: z =>
          entityRefSchema(
            z,
            'The entity that owns the namespace and the objects, as given to delivery:environments:create',
          ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Cluster name from delivery.scaffolder.clusters; default the only one',
            ),
      },
      output: {
        eventListenerUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'URL of the (first) EventListener, for the webhook step; absent when none was applied',
            ),
        applied: appliedSchema,
      },
    },
    async handler(ctx) {
      const { namespace } = ctx.input;
      const owner = ownerOf(ctx, ctx.input.entityRef);
      checkNamespaceName(policy, namespace, 'namespace');
      const sources = await readManifests(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.tekton',
      );
      checkManifests(sources, namespace, policy);
      const cluster = targetCluster(options.config, ctx.input.cluster);
      const applier = new KubeApplier(cluster.kubeConfig, cluster.name);
      let state: NamespaceState | undefined;
      if (!ctx.isDryRun) {
        state = (
          await checkNamespaces({
            readNamespace: ns => applier.readNamespace(ns),
            owner,
            namespaces: [namespace],
            policy,
            logger: ctx.logger,
          })
        ).get(namespace);
        if (state === 'absent') {
          throw new InputError(
            `Namespace '${namespace}' does not exist on cluster '${cluster.name}'; delivery:environments:create creates it`,
          );
        }
      }
      const objects = await placeManifests({
        sources,
        namespace,
        owner,
        policy,
        applier: ctx.isDryRun ? undefined : applier,
      });
      const applied = await applyAll(ctx, {
        applier,
        objects: [
          ...(state === 'adopt' ? [namespaceClaim(namespace, owner)] : []),
          ...objects,
        ],
        keyPrefix: `delivery-tekton-apply:${cluster.name}`,
        existingNamespaces: new Set([namespace]),
      });
      const listener = objects.find(
        o =>
          o.kind === 'EventListener' &&
          o.apiVersion.startsWith('triggers.tekton.dev/'),
      );
      if (listener) {
        const url = eventListenerUrl(urlTemplate, {
          name: listener.metadata.name,
          namespace,
          cluster: cluster.name,
        });
        ctx.logger.info(`EventListener ${listener.metadata.name}: ${url}`);
        ctx.output('eventListenerUrl', url);
      }
      ctx.output('applied', applied);
    },
  });
}
