import { InputError } from '@backstage/errors';
import { DEFAULT_RUNTIME } from './images';
import {
  GenerateOptions,
  Language,
  MlStage,
  ML_STAGES,
  Scanner,
  Tier,
} from './types';

/** Slipway's metric gate syntax: `accuracy >= 0.8` (result name, comparison, number). */
export const METRIC_EXPRESSION =
  /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** The action's input as the options resolver reads it (see the action's zod schema). */
export interface GenerateInput {
  name: string;
  kind: 'service' | 'ml';
  language?: Language;
  runtimeVersion?: string;
  imageRepository: string;
  gitUrl: string;
  environments?: Array<{
    name: string;
    tier: Tier;
    namespace?: string;
    approval?: boolean;
    canary?: boolean;
  }>;
  scanners?: Scanner[];
  mlStages?: MlStage[];
  promotionMetric?: string;
  modelStorageUri?: string;
  mlflowTrackingUri?: string;
  mlflowSecretName?: string;
  canaryTrafficPercent?: number;
  canarySoakSeconds?: number;
  gitProvider?: 'github' | 'gitlab';
  defaultBranch?: string;
  ciNamespace?: string;
  serviceAccountName?: string;
  webhookSecretName?: string;
  webhookSecretKey?: string;
  slipwayUrl?: string;
  entityRef?: string;
  slipwayTasksNamespace?: string;
  port?: number;
}

/** Environments when the input names none: dev, then staging and production behind approvals. */
export const DEFAULT_ENVIRONMENTS: Array<{ name: string; tier: Tier }> = [
  { name: 'dev', tier: 'development' },
  { name: 'staging', tier: 'staging' },
  { name: 'production', tier: 'production' },
];

/**
 * Fills in the defaults and checks what the schema cannot: environment names are unique, ML
 * stages keep their order, and the promotion metric reads like Slipway's metric gate.
 * Throws `InputError` naming the problem.
 */
export function resolveOptions(
  input: GenerateInput,
  defaults: { slipwayUrl: string },
): GenerateOptions {
  const { name } = input;
  const given: NonNullable<GenerateInput['environments']> =
    input.environments ?? DEFAULT_ENVIRONMENTS;
  const canaryPercent = input.canaryTrafficPercent ?? 10;
  if (
    !Number.isInteger(canaryPercent) ||
    canaryPercent < 0 ||
    canaryPercent > 99
  ) {
    throw new InputError(
      `canaryTrafficPercent must be a whole number from 0 (no canary) to 99, got ${canaryPercent}`,
    );
  }
  if (input.kind !== 'ml' && given.some(e => e.canary)) {
    throw new InputError(
      'canary deployments are for ML projects (KServe canaryTrafficPercent)',
    );
  }
  const environments = given.map(e => ({
    name: e.name,
    tier: e.tier,
    namespace: e.namespace || `${name}-${e.name}`,
    approval: e.approval ?? e.tier !== 'development',
    // a new model takes a share of production traffic first (KServe, so ML only)
    canary:
      input.kind === 'ml' &&
      canaryPercent > 0 &&
      (e.canary ?? e.tier === 'production'),
  }));
  const seen = new Set<string>();
  for (const env of environments) {
    if (seen.has(env.name)) {
      throw new InputError(`environment "${env.name}" is listed twice`);
    }
    seen.add(env.name);
  }
  if (environments.length === 0) {
    throw new InputError('at least one environment is needed');
  }
  const metric = METRIC_EXPRESSION.exec(
    input.promotionMetric ?? 'accuracy >= 0.8',
  );
  if (!metric) {
    throw new InputError(
      `promotionMetric must look like 'accuracy >= 0.8', got '${input.promotionMetric}'`,
    );
  }
  const stages = ML_STAGES.filter(s =>
    (input.mlStages ?? ML_STAGES).includes(s),
  );
  if (input.kind === 'ml' && !stages.includes('train')) {
    throw new InputError('an ML project needs the train stage');
  }
  const language = input.language ?? 'python';
  return {
    name,
    kind: input.kind,
    language,
    runtimeVersion: input.runtimeVersion ?? DEFAULT_RUNTIME[language],
    imageRepository: input.imageRepository,
    environments,
    scanners: [...new Set<Scanner>(input.scanners ?? ['trivy'])],
    ml: {
      stages,
      metric: {
        name: metric[1],
        operator: metric[2],
        threshold: Number(metric[3]),
      },
      modelStorageUri: input.modelStorageUri || `s3://models/${name}`,
      mlflowTrackingUri: input.mlflowTrackingUri?.trim() ?? '',
      mlflowSecretName: input.mlflowSecretName ?? 'mlflow-credentials',
      canary: {
        trafficPercent: canaryPercent,
        soakSeconds: input.canarySoakSeconds ?? 300,
      },
    },
    gitProvider: input.gitProvider ?? 'github',
    defaultBranch: input.defaultBranch ?? 'main',
    ciNamespace: input.ciNamespace ?? `${name}-ci`,
    serviceAccountName: input.serviceAccountName ?? `${name}-pipeline`,
    webhookSecret: {
      name: input.webhookSecretName ?? `${name}-webhook`,
      key: input.webhookSecretKey ?? 'secret',
    },
    slipwayUrl: input.slipwayUrl ?? defaults.slipwayUrl,
    entityRef: input.entityRef ?? `component:default/${name}`,
    slipwayTasksNamespace: input.slipwayTasksNamespace,
    port: input.port ?? 8080,
  };
}
