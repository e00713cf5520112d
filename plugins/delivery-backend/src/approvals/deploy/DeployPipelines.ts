import { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import {
  ANNOTATION_DEPLOY_PIPELINE,
  ANNOTATION_DEPLOY_PIPELINE_CLUSTER,
  ANNOTATION_DEPLOY_PIPELINE_NAMESPACE,
  ANNOTATION_DEPLOY_PIPELINE_PARAMS,
  ANNOTATION_DEPLOY_PIPELINE_PROVIDER,
  ANNOTATION_DEPLOY_SERVICE_ACCOUNT,
  ANNOTATION_KUBERNETES_ID,
  RunValue,
  StartedRun,
} from '@slipway/plugin-delivery-common';
import { PipelineProvider } from '@slipway/plugin-delivery-node';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** What one deployment deploys. */
export interface DeployTarget {
  environment: string;
  revision: string;
  version?: string;
  image?: string;
}

const ROLES = ['environment', 'revision', 'version', 'image'] as const;

/** The deploy pipeline's param names per role, from the annotation (default: the role names). */
function paramNames(annotation: string | undefined) {
  const names = (annotation ?? ROLES.join(','))
    .split(',')
    .map(name => name.trim());
  return Object.fromEntries(ROLES.map((role, i) => [role, names[i] ?? '']));
}

/**
 * Starts a component's deploy pipeline (named by its `slipway.dev/deploy-pipeline*`
 * annotations) for one environment at one revision: what an approved promotion that no pipeline
 * waits for, and a rollback, start. 409 when the component names no deploy pipeline or its
 * provider cannot start runs.
 */
export class DeployPipelines {
  constructor(
    private readonly providerFor: (name: string) => PipelineProvider | undefined,
  ) {}

  /** Why the component cannot be deployed outside its pipeline, or undefined when it can. */
  missing(component: Entity): string | undefined {
    const annotations = component.metadata.annotations ?? {};
    if (!annotations[ANNOTATION_DEPLOY_PIPELINE]) {
      return `${stringifyEntityRef(
        component,
      )} names no deploy pipeline: set the annotations ${ANNOTATION_DEPLOY_PIPELINE} and ${ANNOTATION_DEPLOY_PIPELINE_NAMESPACE} (the Slipway templates do)`;
    }
    const name = annotations[ANNOTATION_DEPLOY_PIPELINE_PROVIDER] ?? 'tekton';
    if (!this.providerFor(name)?.startRun) {
      return `Provider '${name}' of the deploy pipeline cannot start runs here (is its module installed?)`;
    }
    return undefined;
  }

  async start(
    component: Entity,
    target: DeployTarget,
    requestedBy: string,
  ): Promise<StartedRun> {
    const reason = this.missing(component);
    if (reason) throw new ConflictError(reason);
    const annotations = component.metadata.annotations ?? {};
    const providerName =
      annotations[ANNOTATION_DEPLOY_PIPELINE_PROVIDER] ?? 'tekton';
    const names = paramNames(annotations[ANNOTATION_DEPLOY_PIPELINE_PARAMS]);
    const params: RunValue[] = ROLES.flatMap(role => {
      const value = target[role];
      return names[role] && value ? [{ name: names[role], value }] : [];
    });
    const kubernetesId = annotations[ANNOTATION_KUBERNETES_ID];
    const started = await this.providerFor(providerName)!.startRun!(
      {
        entityRef: stringifyEntityRef(component).toLocaleLowerCase('en-US'),
        pipelineName: annotations[ANNOTATION_DEPLOY_PIPELINE],
        params,
        cluster: annotations[ANNOTATION_DEPLOY_PIPELINE_CLUSTER],
        namespace: annotations[ANNOTATION_DEPLOY_PIPELINE_NAMESPACE],
        serviceAccountName: annotations[ANNOTATION_DEPLOY_SERVICE_ACCOUNT],
        labels: kubernetesId ? { [ANNOTATION_KUBERNETES_ID]: kubernetesId } : {},
      },
      { requestedBy },
    );
    return { provider: providerName, ...started };
  }
}
