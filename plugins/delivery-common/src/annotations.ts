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
