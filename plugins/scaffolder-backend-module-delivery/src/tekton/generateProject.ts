import yaml from 'yaml';
import { catalogAnnotations } from './catalogAnnotations';
import { deployManifests } from './deployManifests';
import { buildDeployPipeline, deployPipelineName } from './deployPipeline';
import { buildPipeline, pipelineName } from './pipeline';
import { buildPipelineRun } from './pipelineRun';
import { buildTriggers, eventListenerName } from './triggers';
import { GenerateOptions, GeneratedFile, KubeObject } from './types';
import { PipelineSpecLike, validatePipeline } from './validatePipeline';
import { validateTriggers } from './validateTriggers';

/** Where the generated files go, relative to the action's target directory. */
export const PATHS = {
  pipeline: '.tekton/pipeline.yaml',
  deployPipeline: '.tekton/deploy-pipeline.yaml',
  triggers: '.tekton/triggers.yaml',
  pipelineRun: 'ci/pipelinerun.yaml',
};

/** What the generator produced, checked. */
export interface GeneratedProject {
  pipelineName: string;
  /** The Pipeline that deploys one environment at one revision (promotions, rollbacks). */
  deployPipelineName: string;
  eventListenerName: string;
  /** Annotations for the component's catalog-info.yaml (the deploy pipeline). */
  catalogAnnotations: Record<string, string>;
  files: GeneratedFile[];
  /** Problems the checks found; empty when the files are valid. */
  problems: string[];
}

/**
 * Builds every file for a project (the delivery Pipeline, the deploy Pipeline, Triggers, a
 * PipelineRun to start by hand, deploy manifests per environment) and checks the Pipelines and
 * the Triggers.
 */
export function generateProject(
  options: GenerateOptions,
  extra: { gitUrl: string; registrySecretName?: string },
): GeneratedProject {
  const pipeline = buildPipeline(options);
  const deployPipeline = buildDeployPipeline(options, extra.gitUrl);
  const triggers = buildTriggers(options, extra.registrySecretName);
  const run = buildPipelineRun(
    options,
    {
      gitUrl: extra.gitUrl,
      gitRevision: options.defaultBranch,
      commitAuthors: '',
    },
    extra.registrySecretName,
  );
  const problems = [
    ...validatePipeline(pipeline.spec as unknown as PipelineSpecLike),
    ...validatePipeline(deployPipeline.spec as unknown as PipelineSpecLike).map(
      p => `${deployPipelineName(options)}: ${p}`,
    ),
    ...validateTriggers(triggers, pipelineName(options)),
  ];
  return {
    pipelineName: pipelineName(options),
    deployPipelineName: deployPipelineName(options),
    eventListenerName: eventListenerName(options),
    catalogAnnotations: catalogAnnotations(options),
    problems,
    files: [
      { path: PATHS.pipeline, documents: [pipeline] },
      { path: PATHS.deployPipeline, documents: [deployPipeline] },
      { path: PATHS.triggers, documents: triggers },
      { path: PATHS.pipelineRun, documents: [run] },
      ...deployManifests(options),
    ],
  };
}

/** A file's documents as YAML, `---` between documents. */
export function serialise(documents: KubeObject[]): string {
  return documents
    .map(d => yaml.stringify(d, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}
