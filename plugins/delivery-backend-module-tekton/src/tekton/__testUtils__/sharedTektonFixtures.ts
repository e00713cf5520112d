import { RunStatus, TaskRun } from '@slipway/plugin-delivery-common';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

/*
 * Reading the real upstream Tekton data in /work/shared/fixtures/tekton (see its README and
 * SOURCES.md) for the shared-fixture tests.
 */

export const dir = path.resolve(
  __dirname,
  '../../../../../../shared/fixtures/tekton',
);
export const present = fs.existsSync(dir);
if (!present) {
  console.info(
    `Shared Tekton fixtures are absent (${dir}); skipping the tests against real upstream Tekton data. The hand-written fixtures in src/tekton/__fixtures__ still run.`,
  );
}
export const describeFixtures = present ? describe : describe.skip;

export const cluster = 'fixtures';

/** JSON files are read with JSON.parse: some are TAB-indented, which YAML parsers reject. */
export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

/** Every non-empty document of a (multi-document) YAML file. */
export function readYaml<T>(file: string): T[] {
  const docs = parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'));
  return docs
    .map(doc => {
      if (doc.errors.length > 0) {
        throw doc.errors[0];
      }
      return doc.toJS() as T;
    })
    .filter(doc => doc !== null && doc !== undefined);
}

export function statusCounts(tasks: Array<{ status: RunStatus }>) {
  const counts: Partial<Record<RunStatus, number>> = {};
  for (const t of tasks) {
    counts[t.status] = (counts[t.status] ?? 0) + 1;
  }
  return counts;
}

export function taskSummary(tasks: TaskRun[]) {
  return tasks.map(t => ({
    pipelineTaskName: t.pipelineTaskName,
    status: t.status,
    retries: t.retries,
    isFinally: t.isFinally,
  }));
}

/** Files holding runs (PipelineRun, TaskRun, CustomRun), each covered by a test below. */
export const RUN_FILES = [
  'v1-pipelinerun-succeeded-childrefs-managedfields.json',
  'v1-pipelinerun-childrefs-results-partial.json',
  'v1-taskrun-succeeded-results-steps.json',
  'v1beta1-pipelinerun-taskruns-map-pipelineResults.json',
  'v1beta1-taskrun-taskResults.json',
  'v1alpha1-pipelinerun-failed-no-childrefs.json',
  'v1beta1-taskrun-list-failed-kaniko.json',
  ...[1, 2, 3, 4, 5].flatMap(i => [
    `sequence-release-zm5v8/${i}-pipelinerun.yaml`,
    `sequence-release-zm5v8/${i}-taskrun.yaml`,
  ]),
  'v1-taskrun-retries-cancel-timeout.testblocks.yaml',
  'v1-pipelinerun-finally-running.testblock.yaml',
  'customrun-approvaltask.yaml',
  'pipelinerun-git-clone-buildah-test.yaml',
  'pipelinerun-with-final-tasks.yaml',
  'pipelinerun-retries-retry-count.yaml',
];

/** Files with kinds other than runs: the mappers must refuse every document in them. */
export const DEFINITION_FILES = [
  'approvaltask-in-pipeline.yaml',
  'approvaltask-pending-full.yaml',
  'pipeline-docker-build-push-gitops.yaml',
  'task-buildah-0.9.yaml',
  'task-git-clone-0.9.yaml',
  'task-kubernetes-actions-0.2.yaml',
  'task-update-deployment-gitops.yaml',
  'triggers-getting-started.yaml',
  'triggers-github-pr-eventlistener-v1beta1.yaml',
];

/** Status-only ApprovalTask snippets (no kind): input for the approvals parser, not for runs. */
export const APPROVAL_FRAGMENTS = [
  'approvaltask-status-approved.fragment.yaml',
  'approvaltask-status-rejected.fragment.yaml',
];

/** Readers for describe bodies, which run at collection time even when the block is skipped. */
export function readJsonIfPresent<T>(file: string): T {
  return present ? readJson<T>(file) : ({} as T);
}

export function readYamlIfPresent<T>(file: string): T[] {
  return present ? readYaml<T>(file) : [];
}
