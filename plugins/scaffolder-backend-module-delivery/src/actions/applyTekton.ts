import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { KubeApplier } from '../kube/KubeApplier';
import { applyAll } from '../kube/applyAll';
import { targetCluster } from '../kube/clusterConfig';
import { Manifest } from '../kube/manifest';
import { SourcedManifest, readManifests } from '../kube/readManifests';
import { appliedSchema } from './appliedSchema';
import { examples } from './applyTekton.examples';
import { kubernetesName } from './kubeNames';

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

/** The manifest with the CI namespace set; refuses another namespace. */
async function inNamespace(
  { source, manifest }: SourcedManifest,
  namespace: string,
  namespaced: () => Promise<boolean>,
): Promise<Manifest> {
  const given = manifest.metadata.namespace;
  if (given !== undefined && given !== namespace) {
    throw new InputError(
      `${source}: ${manifest.kind} ${manifest.metadata.name} is in namespace '${given}', not '${namespace}'`,
    );
  }
  if (!(await namespaced())) return manifest;
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
}

/**
 * `delivery:tekton:apply` — server-side applies the generated Tekton
 * manifests (Pipeline, Tasks, Triggers) to the CI namespace and outputs the
 * EventListener's URL for the webhook step.
 *
 * @public
 */
export function createApplyTektonAction(options: { config: Config }) {
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
        namespace: z => kubernetesName(z, 'CI namespace to apply to'),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'Cluster name from kubernetes.clusterLocatorMethods (type config); default the only one',
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
      const sources = await readManifests(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.tekton',
      );
      const cluster = targetCluster(options.config, ctx.input.cluster);
      const applier = new KubeApplier(cluster.kubeConfig, cluster.name);
      const objects: Manifest[] = [];
      for (const source of sources) {
        objects.push(
          await inNamespace(source, namespace, async () =>
            ctx.isDryRun ? true : applier.isNamespaced(source.manifest),
          ),
        );
      }
      const applied = await applyAll(ctx, {
        applier,
        objects,
        keyPrefix: `delivery-tekton-apply:${cluster.name}`,
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
