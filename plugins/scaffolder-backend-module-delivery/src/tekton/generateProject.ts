import yaml from 'yaml';
import { deployManifests } from './deployManifests';
import { buildPipeline, pipelineName } from './pipeline';
import { buildPipelineRun } from './pipelineRun';
import { buildTriggers, eventListenerName } from './triggers';
import { GenerateOptions, GeneratedFile, KubeObject } from './types';
import { PipelineSpecLike, validatePipeline } from './validatePipeline';
import { validateTriggers } from './validateTriggers';

/** Where the generated files go, relative to the action's target directory. */
export const PATHS = {
  pipeline: '.tekton/pipeline.yaml',
  triggers: '.tekton/triggers.yaml',
  pipelineRun: 'ci/pipelinerun.yaml',
};

/** What the generator produced, checked. */
export interface GeneratedProject {
  pipelineName: string;
  eventListenerName: string;
  files: GeneratedFile[];
  /** Problems the checks found; empty when the files are valid. */
  problems: string[];
}

/**
 * Builds every file for a project (Pipeline, Triggers, a PipelineRun to start by hand, deploy
 * manifests per environment) and checks the Pipeline and the Triggers.
 */
export function generateProject(
  options: GenerateOptions,
  extra: { gitUrl: string; registrySecretName?: string },
): GeneratedProject {
  const pipeline = buildPipeline(options);
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
    ...validateTriggers(triggers, pipelineName(options)),
  ];
  return {
    pipelineName: pipelineName(options),
    eventListenerName: eventListenerName(options),
    problems,
    files: [
      { path: PATHS.pipeline, documents: [pipeline] },
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
