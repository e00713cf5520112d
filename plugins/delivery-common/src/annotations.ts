/**
 * Label (on PipelineRuns) or annotation (on catalog entities) naming the workload id an entity owns.
 * Shared with the Backstage Kubernetes and community Tekton plugins, so an entity is annotated once.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * Entity annotation holding a Kubernetes label selector that picks the entity's PipelineRuns.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/**
 * Entity annotation restricting the namespace its PipelineRuns are looked up in.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * Entity annotation used by the community Tekton plugin; `"true"` marks an entity as having Tekton CI/CD.
 *
 * @public
 */
export const ANNOTATION_TEKTON_CICD = 'tekton.dev/cicd';

/**
 * Label on a PipelineRun (or annotation on an environment entity) naming the target environment
 * of a deployment run, e.g. `production`.
 *
 * @public
 */
export const LABEL_DELIVERY_ENVIRONMENT = 'slipway.dev/environment';

/**
 * Annotation on an environment entity (kind Resource, spec.type `environment`) giving its tier:
 * `development`, `staging` or `production`.
 *
 * @public
 */
export const ANNOTATION_ENVIRONMENT_TIER = 'slipway.dev/environment-tier';

/**
 * Annotation on a component listing its environments in promotion order, as names or entity
 * refs of environment Resources: `dev, staging, production`.
 *
 * @public
 */
export const ANNOTATION_ENVIRONMENTS = 'slipway.dev/environments';

/**
 * Entity annotation naming the GitHub repository (`owner/repo`) whose GitHub Actions workflow runs
 * belong to the entity (read by the GitHub Actions provider module).
 *
 * @public
 */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/**
 * The annotations any one of which makes Slipway's delivery views available on an entity.
 *
 * @public
 */
export const DELIVERY_ENTITY_ANNOTATIONS = [
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_GITHUB_PROJECT_SLUG,
] as const;

/**
 * Component annotation naming the pipeline that deploys one environment at one revision: what
 * an approved promotion (no pipeline waiting) and a rollback start.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_PIPELINE = 'slipway.dev/deploy-pipeline';

/**
 * Component annotation: the namespace the deploy pipeline and its runs live in.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_PIPELINE_NAMESPACE =
  'slipway.dev/deploy-pipeline-namespace';

/**
 * Component annotation: the cluster of the deploy pipeline, when the provider reads several.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_PIPELINE_CLUSTER =
  'slipway.dev/deploy-pipeline-cluster';

/**
 * Component annotation: the provider of the deploy pipeline; default `tekton`.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_PIPELINE_PROVIDER =
  'slipway.dev/deploy-pipeline-provider';

/**
 * Component annotation: the names of the deploy pipeline's params for the environment, the
 * revision, the version and the image, comma-separated in that order (an empty entry: the
 * pipeline takes no such param), e.g. `environment,revision,version,image`.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_PIPELINE_PARAMS =
  'slipway.dev/deploy-pipeline-params';

/**
 * Component annotation: the service account the deploy pipeline's runs use.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_SERVICE_ACCOUNT =
  'slipway.dev/deploy-service-account';
