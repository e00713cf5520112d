import {
  succeedWith,
  TaskHandler,
} from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import fs from 'node:fs';
import path from 'node:path';

/*
 * What the generated pipeline's own tasks do in the test (the executor runs Slipway's Tasks —
 * uploads and approval gates — for real): the scanners write clean reports into the shared
 * workspace for the upload Tasks to send; the validation reports the accuracy the test chose
 * for the revision; the deploy tasks report what they deployed, from their params.
 */

const IMAGE_REPOSITORY = 'registry.example.com/ml/churn-model';

/** The digest the build reports for a revision. */
export const digestOf = (revision: string) =>
  `sha256:${revision.padEnd(64, '0').slice(0, 64)}`;

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The revision a delivery run builds: its `git-revision` param. */
function revisionOf(pipelineRun: Record<string, unknown>): string {
  const params = (
    pipelineRun.spec as { params?: Array<{ name: string; value: unknown }> }
  )?.params;
  return str(params?.find(p => p.name === 'git-revision')?.value);
}

function writeReport(file: string, report: object): TaskHandler {
  return ({ workspaces }) => {
    const target = path.join(workspaces.source, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(report));
    return { succeeded: true, log: `wrote ${file}\n` };
  };
}

const trivy = (artifactName: string, artifactType: string) => ({
  SchemaVersion: 2,
  ArtifactName: artifactName,
  ArtifactType: artifactType,
  Results: [],
});

const deploy: TaskHandler = ({ params }) => {
  const revision = str(params.revision);
  return {
    succeeded: true,
    results: {
      revision,
      version: str(params.version) || revision,
      image: str(params.image) || `${IMAGE_REPOSITORY}:${revision}`,
    },
    log: `deployed ${revision}\n`,
  };
};

/** The handlers of the generated ML pipeline's tasks; `accuracy(revision)` is what validation finds. */
export function goldenHandlers(
  accuracy: (revision: string) => number,
): Record<string, TaskHandler> {
  return {
    clone: ({ params }) => ({
      succeeded: true,
      results: { commit: str(params.revision) },
    }),
    'scan-trivy': writeReport('reports/trivy.json', trivy('.', 'filesystem')),
    'scan-pip-audit': writeReport('reports/pip-audit.json', {
      dependencies: [{ name: 'numpy', version: '1.26.4', vulns: [] }],
      fixes: [],
    }),
    'scan-bandit': writeReport('reports/bandit.json', {
      errors: [],
      generated_at: '2026-12-07T10:00:00Z',
      metrics: { _totals: { loc: 120 } },
      results: [],
    }),
    'build-image': ({ pipelineRun }) => {
      const revision = revisionOf(pipelineRun);
      return {
        succeeded: true,
        results: {
          IMAGE_URL: `${IMAGE_REPOSITORY}:${revision}`,
          IMAGE_DIGEST: digestOf(revision),
        },
      };
    },
    'scan-trivy-image': writeReport(
      'reports/trivy-image.json',
      trivy(IMAGE_REPOSITORY, 'container_image'),
    ),
    validate: ({ pipelineRun }) => ({
      succeeded: true,
      results: { accuracy: String(accuracy(revisionOf(pipelineRun))) },
    }),
    register: succeedWith({
      'model-uri': 'models:/churn-model/1',
      'model-version': '1',
    }),
    'deploy-dev': deploy,
    'deploy-staging': deploy,
    'deploy-production': deploy,
  };
}
