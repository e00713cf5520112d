import yaml from 'yaml';
import { examples } from '../actions/generateTekton.examples';
import { GenerateInput } from '../tekton/options';
import { KubeObject } from '../tekton/types';

/** The ML project the tests generate (python, two scanners, default environments). */
export const ML_INPUT: GenerateInput = {
  name: 'fraud-model',
  kind: 'ml',
  imageRepository: 'registry.example.com/ml/fraud-model',
  gitUrl: 'https://github.com/example/fraud-model.git',
  scanners: ['trivy', 'pip-audit'],
  promotionMetric: 'accuracy >= 0.8',
};

/** The service the tests generate: the action's GitLab example (Go, dev and production only). */
export const SERVICE_INPUT: GenerateInput = yaml.parse(examples[1].example)
  .steps[0].input;

/** The files generated for an ML project with the default environments. */
export const ML_FILES = [
  '.tekton/pipeline.yaml',
  '.tekton/deploy-pipeline.yaml',
  '.tekton/triggers.yaml',
  'ci/pipelinerun.yaml',
  'deploy/dev/inferenceservice.yaml',
  'deploy/staging/inferenceservice.yaml',
  'deploy/production/inferenceservice.yaml',
];

/** Parses a multi-document YAML file back into objects, failing on any YAML error. */
export function parseDocuments(text: string): KubeObject[] {
  return yaml.parseAllDocuments(text).map(doc => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as KubeObject;
  });
}

/** The names of the tasks a task waits for, directly or not. */
export function ancestors(
  tasks: Array<{ name: string; runAfter?: string[] }>,
  name: string,
): Set<string> {
  const byName = new Map(tasks.map(t => [t.name, t]));
  const found = new Set<string>();
  const visit = (n: string) => {
    for (const dep of byName.get(n)?.runAfter ?? []) {
      if (!found.has(dep)) {
        found.add(dep);
        visit(dep);
      }
    }
  };
  visit(name);
  return found;
}
