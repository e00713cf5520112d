/**
 * Typed shapes of what `delivery:tekton:generate` writes: the resolved options it works from and
 * the (partial) Kubernetes objects it builds before serialising them with `yaml`.
 */

/** Languages whose test step the generator knows. */
export const LANGUAGES = ['python', 'node', 'go', 'java'] as const;
/** A language whose test step the generator knows. */
export type Language = (typeof LANGUAGES)[number];

/** Scanners whose report Slipway parses (see FINDINGS.md). */
export const SCANNERS = [
  'trivy',
  'grype',
  'osv-scanner',
  'semgrep',
  'gitleaks',
  'pip-audit',
  'npm-audit',
  'bandit',
] as const;
/** A scanner the generated pipeline can run. */
export type Scanner = (typeof SCANNERS)[number];

/** The ML stages, in the order the pipeline runs them. */
export const ML_STAGES = ['train', 'validate', 'register'] as const;
/** One ML stage. */
export type MlStage = (typeof ML_STAGES)[number];

/** Environment tiers, as the `slipway.dev/environment-tier` annotation names them. */
export const TIERS = ['development', 'staging', 'production'] as const;
/** An environment tier. */
export type Tier = (typeof TIERS)[number];

/** Comparison operators a promotion metric may use (as Slipway's metric gate reads them). */
export const METRIC_OPERATORS = ['>=', '>', '<=', '<', '=='] as const;

/** One deployment environment of the generated project. */
export interface EnvironmentOptions {
  name: string;
  tier: Tier;
  /** Kubernetes namespace the environment deploys into. */
  namespace: string;
  /** Whether the pipeline waits for a Slipway approval before deploying here. */
  approval: boolean;
  /**
   * ML only: whether a new model is first served to a share of the traffic (KServe
   * `canaryTrafficPercent`), checked, then promoted to 100 %.
   */
  canary: boolean;
}

/** Everything the generators need, with defaults filled in. */
export interface GenerateOptions {
  name: string;
  kind: 'service' | 'ml';
  language: Language;
  /** Runtime version of the language, e.g. `3.12` for Python. */
  runtimeVersion: string;
  imageRepository: string;
  environments: EnvironmentOptions[];
  scanners: Scanner[];
  ml: {
    stages: MlStage[];
    metric: { name: string; operator: string; threshold: number };
    /** Base URI models are registered under when there is no MLflow; the revision is appended. */
    modelStorageUri: string;
    /** MLflow tracking server the model is registered in; empty: the file store above. */
    mlflowTrackingUri: string;
    /** Optional Secret whose keys become the MLflow step's environment (credentials). */
    mlflowSecretName: string;
    /** KServe canary: share of the traffic the new model gets, and how long it is watched. */
    canary: { trafficPercent: number; soakSeconds: number };
  };
  gitProvider: 'github' | 'gitlab';
  defaultBranch: string;
  /** Namespace the pipeline, triggers and runs live in. */
  ciNamespace: string;
  serviceAccountName: string;
  webhookSecret: { name: string; key: string };
  slipwayUrl: string;
  entityRef: string;
  /** Namespace holding the Slipway Tasks (cluster resolver); absent: the CI namespace. */
  slipwayTasksNamespace?: string;
  port: number;
}

/** A `name: value` pair as Tekton params and env entries use it. */
export interface NameValue {
  name: string;
  value: unknown;
}

/** A Tekton Task step. */
export interface Step {
  name: string;
  image: string;
  script?: string;
  args?: string[];
  workingDir?: string;
  onError?: 'continue' | 'stopAndFail';
  env?: Array<Record<string, unknown>>;
  envFrom?: Array<Record<string, unknown>>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

/** An inline Tekton Task spec (`metadata` is propagated to the TaskRun and its pod). */
export interface TaskSpec {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  params?: Array<{ name: string; type?: string; default?: string }>;
  workspaces?: Array<{ name: string; optional?: boolean }>;
  results?: Array<{ name: string; description?: string }>;
  volumes?: Array<{ name: string; [key: string]: unknown }>;
  steps: Step[];
}

/** A `when` expression guarding a pipeline task. */
export interface WhenExpression {
  input: string;
  operator: 'in' | 'notin';
  values: string[];
}

/** A task of a Tekton Pipeline. */
export interface PipelineTask {
  name: string;
  runAfter?: string[];
  params?: NameValue[];
  workspaces?: Array<{ name: string; workspace: string }>;
  taskRef?: Record<string, unknown>;
  taskSpec?: TaskSpec;
  when?: WhenExpression[];
  [key: string]: unknown;
}

/** A Kubernetes object as the generators build it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/** A file the action writes: a path relative to the target directory and its documents. */
export interface GeneratedFile {
  path: string;
  documents: KubeObject[];
}
