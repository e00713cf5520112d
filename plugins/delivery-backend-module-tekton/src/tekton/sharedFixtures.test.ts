import { RunStatus, TaskRun } from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { TektonPipelineRun, TektonTaskRun } from './objects';
import { pipelineRunToRecord } from './pipelineRunToRecord';
import { taskRunToTask } from './taskRunToTask';

/*
 * Runs the mappers over the real upstream Tekton data in /work/shared/fixtures/tekton (see its
 * README and SOURCES.md). Every expected value below was derived by reading the file named in
 * the test; the derivation is in the comment next to it.
 */

const dir = path.resolve(__dirname, '../../../../../shared/fixtures/tekton');
const present = fs.existsSync(dir);
if (!present) {
  console.info(
    `Shared Tekton fixtures are absent (${dir}); skipping the tests against real upstream Tekton data. The hand-written fixtures in src/tekton/__fixtures__ still run.`,
  );
}
const describeFixtures = present ? describe : describe.skip;

const cluster = 'fixtures';

/** JSON files are read with JSON.parse: some are TAB-indented, which YAML parsers reject. */
function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

/** Every non-empty document of a (multi-document) YAML file. */
function readYaml<T>(file: string): T[] {
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

function statusCounts(tasks: Array<{ status: RunStatus }>) {
  const counts: Partial<Record<RunStatus, number>> = {};
  for (const t of tasks) {
    counts[t.status] = (counts[t.status] ?? 0) + 1;
  }
  return counts;
}

function taskSummary(tasks: TaskRun[]) {
  return tasks.map(t => ({
    pipelineTaskName: t.pipelineTaskName,
    status: t.status,
    retries: t.retries,
    isFinally: t.isFinally,
  }));
}

/** Files holding runs (PipelineRun, TaskRun, CustomRun), each covered by a test below. */
const RUN_FILES = [
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
const DEFINITION_FILES = [
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
const APPROVAL_FRAGMENTS = [
  'approvaltask-status-approved.fragment.yaml',
  'approvaltask-status-rejected.fragment.yaml',
];

describeFixtures('shared Tekton fixtures', () => {
  it('classifies every file of the folder, so new fixtures get a test', () => {
    const all = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter(f => fs.statSync(path.join(dir, f)).isFile())
      .map(f => f.split(path.sep).join('/'))
      .sort();
    expect(all).toEqual(
      [...RUN_FILES, ...DEFINITION_FILES, ...APPROVAL_FRAGMENTS].sort(),
    );
  });

  it('v1 PipelineRun from Tekton Results (childReferences, managedFields)', () => {
    // status True/Succeeded; 09:08:59 -> 09:09:31 is 32 s; one childReference (hello-hello,
    // pipeline task hello) and no TaskRun supplied, so one pending task; the tekton.dev/pipeline
    // label equals the run name and there is no pipelineRef or generateName: pipeline "hello".
    const record = pipelineRunToRecord(
      readJson<TektonPipelineRun>(
        'v1-pipelinerun-succeeded-childrefs-managedfields.json',
      ),
      { cluster, taskRuns: [] },
    );
    expect(record).toMatchObject({
      uid: '1638b693-844d-4f13-b767-d7d84ac4ab3d',
      name: 'hello',
      namespace: 'default',
      pipelineName: 'hello',
      status: 'succeeded',
      reason: 'Succeeded',
      message: 'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0',
      createdAt: '2023-08-22T09:08:59.000Z',
      durationSeconds: 32,
      signed: false,
      git: {},
    });
    expect(record.tasks).toEqual([
      {
        name: 'hello-hello',
        pipelineTaskName: 'hello',
        status: 'pending',
        retries: 0,
        isFinally: false,
      },
    ]);
  });

  it('v1 partial PipelineRun joined to its v1 TaskRun by childReference name', () => {
    // No metadata: uid falls back to <cluster>/<namespace>/<name> with both empty. True/
    // Succeeded; 09:50:00 -> 09:50:15 is 15 s. childReferences git-clone (no object supplied,
    // so pending) and taskrun-build, which is the name of the TaskRun file (True/Succeeded, pod
    // test-pod-name, three steps without container state, two results). The run's own results
    // give the image.
    const taskRun = readJson<TektonTaskRun>(
      'v1-taskrun-succeeded-results-steps.json',
    );
    const record = pipelineRunToRecord(
      readJson<TektonPipelineRun>(
        'v1-pipelinerun-childrefs-results-partial.json',
      ),
      { cluster, taskRuns: [taskRun] },
    );
    expect(record).toMatchObject({
      uid: 'fixtures//',
      name: '',
      pipelineName: 'test-pipeline',
      status: 'succeeded',
      durationSeconds: 15,
      params: [{ name: 'IMAGE', value: 'test.io/test/image' }],
      image: {
        url: 'test.io/test/image',
        digest:
          'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
      },
    });
    expect(record.results?.map(r => r.name)).toEqual([
      'CHAINS-GIT_COMMIT',
      'CHAINS-GIT_URL',
      'IMAGE_URL',
      'IMAGE_DIGEST',
    ]);
    expect(taskSummary(record.tasks)).toEqual([
      {
        pipelineTaskName: 'git-clone',
        status: 'pending',
        retries: 0,
        isFinally: false,
      },
      {
        pipelineTaskName: 'build',
        status: 'succeeded',
        retries: 0,
        isFinally: false,
      },
    ]);
    expect(record.tasks[1]).toMatchObject({
      name: 'taskrun-build',
      podName: 'test-pod-name',
      startedAt: '2021-03-29T09:50:00.000Z',
      completedAt: '2021-03-29T09:50:15.000Z',
      steps: [
        { name: 'step1', container: 'step-step1', status: 'unknown' },
        { name: 'step2', container: 'step-step2', status: 'unknown' },
        { name: 'step3', container: 'step-step3', status: 'unknown' },
      ],
      results: [
        {
          name: 'IMAGE_DIGEST',
          value:
            'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
        },
        { name: 'IMAGE_URL', value: 'gcr.io/my/image' },
      ],
    });
  });

  it('v1 TaskRun on its own', () => {
    // label tekton.dev/pipelineTask=build; True/Succeeded; no retriesStatus.
    const task = taskRunToTask(
      readJson<TektonTaskRun>('v1-taskrun-succeeded-results-steps.json'),
    );
    expect(task).toMatchObject({
      name: 'taskrun-build',
      pipelineTaskName: 'build',
      status: 'succeeded',
      reason: 'Succeeded',
      message: 'All Steps have completed executing',
      retries: 0,
      isFinally: false,
    });
    expect(task.kind).toBeUndefined();
  });

  describe('v1beta1 PipelineRun with the embedded taskRuns map (TAB-indented JSON)', () => {
    const run = readJsonIfPresent<TektonPipelineRun>(
      'v1beta1-pipelinerun-taskruns-map-pipelineResults.json',
    );

    it('takes its tasks from the map and its results from pipelineResults', () => {
      // True/Succeeded, 15 s. Map entries git-clone (task git-clone, pod git-clone-pod, one
      // step terminated with exit 0, results commit and url) and taskrun-build (task build,
      // pod build-pod); both start at 09:50:00 so they are ordered by name. pipelineResults has
      // 7 entries, three with object values; IMAGE_URL/IMAGE_DIGEST give the image.
      const record = pipelineRunToRecord(run, { cluster, taskRuns: [] });
      expect(record).toMatchObject({
        uid: 'abhhf-12354-asjsdbjs23-3435353n',
        name: 'pipelinerun-build',
        pipelineName: 'test-pipeline',
        status: 'succeeded',
        durationSeconds: 15,
        image: {
          url: 'test.io/test/image',
          digest:
            'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
        },
      });
      expect(record.results).toHaveLength(7);
      expect(record.results?.[4]).toEqual({
        name: 'img-ARTIFACT_INPUTS',
        value: {
          uri: 'abc',
          digest:
            'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
        },
      });
      expect(record.results?.[6]).toEqual({
        name: 'img_no_uri-ARTIFACT_OUTPUTS',
        value: {
          digest:
            'sha256:827521c857fdcd4374f4da5442fbae2edb01e7fbae285c3ec15673d4c1daecb7',
        },
      });
      expect(taskSummary(record.tasks)).toEqual([
        {
          pipelineTaskName: 'git-clone',
          status: 'succeeded',
          retries: 0,
          isFinally: false,
        },
        {
          pipelineTaskName: 'build',
          status: 'succeeded',
          retries: 0,
          isFinally: false,
        },
      ]);
      expect(record.tasks[0]).toMatchObject({
        name: 'git-clone',
        podName: 'git-clone-pod',
        steps: [
          {
            name: 'clone',
            container: 'step-clone',
            status: 'succeeded',
            exitCode: 0,
            reason: 'Completed',
          },
        ],
        results: [
          { name: 'commit', value: 'abcd' },
          { name: 'url', value: 'https://git.test.com' },
        ],
      });
      expect(record.tasks[1].podName).toBe('build-pod');
    });

    it('uses a supplied v1beta1 TaskRun (taskResults) over the embedded copy', () => {
      // The v1beta1 TaskRun file is named taskrun-build, like the second map entry; it has pod
      // test-pod-name and taskResults with IMAGE_URL gcr.io/my/image.
      const record = pipelineRunToRecord(run, {
        cluster,
        taskRuns: [readJson<TektonTaskRun>('v1beta1-taskrun-taskResults.json')],
      });
      expect(record.tasks[1]).toMatchObject({
        name: 'taskrun-build',
        pipelineTaskName: 'build',
        status: 'succeeded',
        podName: 'test-pod-name',
      });
      expect(record.tasks[1].results).toContainEqual({
        name: 'IMAGE_URL',
        value: 'gcr.io/my/image',
      });
    });
  });

  describe('v1alpha1 PipelineRun without a child list, and its kaniko TaskRuns', () => {
    const run = readJsonIfPresent<TektonPipelineRun>(
      'v1alpha1-pipelinerun-failed-no-childrefs.json',
    );
    const taskRuns = readJsonIfPresent<TektonTaskRun[]>(
      'v1beta1-taskrun-list-failed-kaniko.json',
    );
    // False/Failed; 13:50:58 -> 13:53:50 is 172 s. Of the three TaskRuns, unit tests (started
    // 13:50:58) succeeded; build-skaffold-app and build-skaffold-web (both started 13:51:11,
    // so ordered by name) failed with their build-and-push step exiting 1.
    const expectedTasks = [
      {
        pipelineTaskName: 'skaffold-unit-tests',
        status: 'succeeded',
        retries: 0,
        isFinally: false,
      },
      {
        pipelineTaskName: 'build-skaffold-app',
        status: 'failed',
        retries: 0,
        isFinally: false,
      },
      {
        pipelineTaskName: 'build-skaffold-web',
        status: 'failed',
        retries: 0,
        isFinally: false,
      },
    ];
    const withParentLabel = (parent: string) =>
      taskRuns.map(tr => ({
        ...tr,
        metadata: {
          ...tr.metadata,
          labels: { ...tr.metadata?.labels, 'tekton.dev/pipelineRun': parent },
        },
      }));

    it('maps the failed run', () => {
      const record = pipelineRunToRecord(run, { cluster, taskRuns });
      expect(record).toMatchObject({
        uid: '5ad9682e-d0ad-11e9-b992-025000000001',
        name: 'demo-pipeline-run-6',
        pipelineName: 'demo-pipeline',
        status: 'failed',
        reason: 'Failed',
        message:
          'TaskRun demo-pipeline-run-6-build-skaffold-app-k4wxt has failed',
        durationSeconds: 172,
      });
    });

    it('joins the TaskRuns by the tekton.dev/pipelineRun label Tekton puts on children', () => {
      const record = pipelineRunToRecord(run, {
        cluster,
        taskRuns: withParentLabel('demo-pipeline-run-6'),
      });
      expect(taskSummary(record.tasks)).toEqual(expectedTasks);
      expect(record.tasks[1]).toMatchObject({
        name: 'demo-pipeline-run-6-build-skaffold-app-k4wxt',
        podName: 'demo-pipeline-run-6-build-skaffold-app-k4wxt-pod-7727d4',
        reason: 'Failed',
        message: expect.stringMatching(
          /^"step-build-and-push" exited with code 1/,
        ),
      });
      expect(record.tasks[1].steps?.[0]).toEqual({
        name: 'build-and-push',
        container: 'step-build-and-push',
        status: 'failed',
        reason: 'Error',
        exitCode: 1,
        startedAt: '2019-09-06T13:51:15.000Z',
        completedAt: '2019-09-06T13:53:34.000Z',
      });
      expect(statusCounts(record.tasks[1].steps ?? [])).toEqual({
        failed: 1,
        succeeded: 3,
      });
    });

    it('joins the unlabelled TaskRuns as found by Tekton child naming', () => {
      // As stored, the TaskRuns carry only tekton.dev/pipelineTask, and their names are
      // demo-pipeline-run-6-<pipelineTask>-<5 generated characters>.
      const record = pipelineRunToRecord(run, { cluster, taskRuns });
      expect(taskSummary(record.tasks)).toEqual(expectedTasks);
    });

    it('does not adopt TaskRuns labelled for another run', () => {
      const record = pipelineRunToRecord(run, {
        cluster,
        taskRuns: withParentLabel('demo-pipeline-run-7'),
      });
      expect(record.tasks).toEqual([]);
    });
  });

  describe('sequence-release-zm5v8: five watch snapshots of a Lighthouse run', () => {
    const snapshots = [1, 2, 3, 4, 5].map(i => ({
      run: readYamlIfPresent<TektonPipelineRun>(
        `sequence-release-zm5v8/${i}-pipelinerun.yaml`,
      )[0],
      taskRun: readYamlIfPresent<TektonTaskRun>(
        `sequence-release-zm5v8/${i}-taskrun.yaml`,
      )[0],
    }));
    // Per snapshot, from the files: the run's condition (Unknown/Running x4, then
    // True/Succeeded with completionTime 03:25:07, 108 s after the 03:23:19 start); the
    // TaskRun's condition (Unknown/Pending, Unknown/Running x3, True/Succeeded); and its 16
    // steps (all waiting on PodInitializing; then 6 / 12 / 15 terminated with exit 0 and the
    // rest running; then all 16 terminated with exit 0).
    const expected: Array<{
      run: RunStatus;
      reason: string;
      duration?: number;
      task: RunStatus;
      taskReason: string;
      steps: Partial<Record<RunStatus, number>>;
    }> = [
      {
        run: 'running',
        reason: 'Running',
        task: 'pending',
        taskReason: 'Pending',
        steps: { pending: 16 },
      },
      {
        run: 'running',
        reason: 'Running',
        task: 'running',
        taskReason: 'Running',
        steps: { succeeded: 6, running: 10 },
      },
      {
        run: 'running',
        reason: 'Running',
        task: 'running',
        taskReason: 'Running',
        steps: { succeeded: 12, running: 4 },
      },
      {
        run: 'running',
        reason: 'Running',
        task: 'running',
        taskReason: 'Running',
        steps: { succeeded: 15, running: 1 },
      },
      {
        run: 'succeeded',
        reason: 'Succeeded',
        duration: 108,
        task: 'succeeded',
        taskReason: 'Succeeded',
        steps: { succeeded: 16 },
      },
    ];

    it.each([1, 2, 3, 4, 5])('snapshot %i', i => {
      const { run, taskRun } = snapshots[i - 1];
      const want = expected[i - 1];
      const record = pipelineRunToRecord(run, { cluster, taskRuns: [taskRun] });
      expect(record.status).toBe(want.run);
      expect(record.reason).toBe(want.reason);
      expect(record.durationSeconds).toBe(want.duration);
      expect(record.tasks).toHaveLength(1);
      const [task] = record.tasks;
      expect(task).toMatchObject({
        name: 'release-zm5v8-from-build-pack-9f2m9',
        pipelineTaskName: 'from-build-pack',
        status: want.task,
        reason: want.taskReason,
        retries: 0,
        isFinally: false,
        podName: 'release-zm5v8-from-build-pack-9f2m9-pod-xsg5h',
        startedAt: '2020-10-07T03:23:19.000Z',
      });
      expect(task.steps).toHaveLength(16);
      expect(statusCounts(task.steps ?? [])).toEqual(want.steps);
    });

    it('reads the Lighthouse git facts and the generated pipeline name', () => {
      // Labels baseSHA/lastCommitSHA a086c12..., branch master, type postsubmit; annotation
      // cloneURI; generateName release-.
      const record = pipelineRunToRecord(snapshots[0].run, {
        cluster,
        taskRuns: [],
      });
      expect(record).toMatchObject({
        uid: 'cee5d7db-7ffa-48cc-8c65-60540d0644f8',
        namespace: 'jx',
        pipelineName: 'release',
        createdAt: '2020-10-07T03:23:19.000Z',
        git: {
          repository: 'https://github.com/jstrachan/nodey532.git',
          revision: 'a086c129ce37779d435145f2f40e0ee3f9eb59ef',
          branch: 'master',
          eventType: 'push',
        },
      });
    });

    it('replays as a stream of MODIFIED events into one record per uid', () => {
      const store = new Map<string, PipelineRunRecord>();
      for (const { run, taskRun } of snapshots) {
        const record = pipelineRunToRecord(run, {
          cluster,
          taskRuns: [taskRun],
        });
        store.set(record.uid, record);
      }
      expect([...store.keys()]).toEqual([
        'cee5d7db-7ffa-48cc-8c65-60540d0644f8',
      ]);
      const last = store.get('cee5d7db-7ffa-48cc-8c65-60540d0644f8');
      expect(last?.status).toBe('succeeded');
      expect(last?.completedAt).toBe('2020-10-07T03:25:07.000Z');
      expect(last?.tasks[0].completedAt).toBe('2020-10-07T03:25:06.000Z');
    });
  });

  it('v1 TaskRun test blocks: cancelled, timed out and to be retried, retry running', () => {
    // (1) False/TaskRunCancelled, no retriesStatus; (2) Unknown/ToBeRetried with one
    // retriesStatus entry (TaskRunTimeout) and no startTime of its own; (3) Unknown/Running with
    // one retriesStatus entry, start 2022-01-01T00:00:00Z and a retry pod.
    const [cancelled, toBeRetried, retrying] = readYamlIfPresent<TektonTaskRun>(
      'v1-taskrun-retries-cancel-timeout.testblocks.yaml',
    ).map(tr => taskRunToTask(tr));
    expect(cancelled).toMatchObject({
      name: 'test-taskrun-run-retry-canceled',
      status: 'cancelled',
      reason: 'TaskRunCancelled',
      message: 'TaskRun "test-taskrun-run-retry-canceled" was cancelled. ',
      retries: 0,
      startedAt: '2021-12-31T23:59:59.000Z',
      completedAt: '2022-01-01T00:00:00.000Z',
    });
    expect(toBeRetried).toMatchObject({
      name: 'test-taskrun-run-retry-timedout',
      status: 'running',
      reason: 'ToBeRetried',
      retries: 1,
    });
    expect(toBeRetried.startedAt).toBeUndefined();
    expect(retrying).toMatchObject({
      name: 'test-taskrun-to-be-retried',
      status: 'running',
      reason: 'Running',
      retries: 1,
      podName: 'test-taskrun-to-be-retried-pod-retry1',
      startedAt: '2022-01-01T00:00:00.000Z',
    });
  });

  describe('v1 PipelineRun test block in its finally phase', () => {
    const run = readYamlIfPresent<TektonPipelineRun>(
      'v1-pipelinerun-finally-running.testblock.yaml',
    )[0];
    // No top-level condition but a startTime: running, no duration. Two childReferences with
    // inline status only: task1 True (succeeded) and finaltask-1 Unknown (running). The run
    // only references its Pipeline, so which task is `finally` is unknown unless the caller
    // passes the Pipeline's finally names.

    it('maps the children from their inline status', () => {
      const record = pipelineRunToRecord(run, { cluster, taskRuns: [] });
      expect(record).toMatchObject({
        uid: 'fixtures/foo/test-pipeline-run-with-timeout',
        pipelineName: 'test-pipeline-with-finally',
        status: 'running',
        startedAt: '2021-12-31T23:40:00.000Z',
      });
      expect(record.reason).toBeUndefined();
      expect(record.durationSeconds).toBeUndefined();
      expect(taskSummary(record.tasks)).toEqual([
        {
          pipelineTaskName: 'task1',
          status: 'succeeded',
          retries: 0,
          isFinally: false,
        },
        {
          pipelineTaskName: 'finaltask-1',
          status: 'running',
          retries: 0,
          isFinally: false,
        },
      ]);
    });

    it('flags the finally task when the Pipeline names it', () => {
      const record = pipelineRunToRecord(run, {
        cluster,
        taskRuns: [],
        finallyTaskNames: ['finaltask-1'],
      });
      expect(record.tasks.map(t => t.isFinally)).toEqual([false, true]);
    });
  });

  describe('CustomRun for the manual approval gate', () => {
    const customRun = readYamlIfPresent<TektonTaskRun>(
      'customrun-approvaltask.yaml',
    )[0];

    it('is a pending CustomRun task with no retries used yet', () => {
      // No status at all; spec.retries 2 is the allowance, not attempts made.
      expect(taskRunToTask(customRun)).toEqual({
        name: 'wait-customrun-',
        pipelineTaskName: 'wait-customrun-',
        kind: 'CustomRun',
        status: 'pending',
        retries: 0,
        isFinally: false,
      });
    });

    it('joins a PipelineRun as its approval task', () => {
      const named = {
        ...customRun,
        metadata: { ...customRun.metadata, name: 'deploy-run-wait-x5k2p' },
      };
      const record = pipelineRunToRecord(
        {
          metadata: { name: 'deploy-run', namespace: 'default' },
          status: {
            startTime: '2024-01-01T00:00:00Z',
            childReferences: [
              {
                apiVersion: 'tekton.dev/v1beta1',
                kind: 'CustomRun',
                name: 'deploy-run-wait-x5k2p',
                pipelineTaskName: 'wait',
              },
            ],
          },
        },
        { cluster, taskRuns: [named] },
      );
      expect(record.tasks).toEqual([
        {
          name: 'deploy-run-wait-x5k2p',
          pipelineTaskName: 'wait',
          kind: 'CustomRun',
          status: 'pending',
          retries: 0,
          isFinally: false,
        },
      ]);
    });
  });

  it('spec-only PipelineRun examples are pending runs without tasks', () => {
    // None has a status. Names: two buildah test runs with embedded pipelineSpecs (no
    // pipelineRef, no label, names without a generated suffix), the finally example referencing
    // clone-cleanup-workspace, and the retries example with generateName retry-example-.
    const runs = [
      ...readYamlIfPresent<TektonPipelineRun>(
        'pipelinerun-git-clone-buildah-test.yaml',
      ),
      ...readYamlIfPresent<TektonPipelineRun>(
        'pipelinerun-with-final-tasks.yaml',
      ),
      ...readYamlIfPresent<TektonPipelineRun>(
        'pipelinerun-retries-retry-count.yaml',
      ),
    ].filter(doc => doc.kind === 'PipelineRun');
    const records = runs.map(run =>
      pipelineRunToRecord(run, {
        cluster,
        taskRuns: [],
        observedAt: '2024-01-01T00:00:00Z',
      }),
    );
    expect(
      records.map(r => [r.name, r.pipelineName, r.status, r.tasks.length]),
    ).toEqual([
      ['buildah-test-pipeline-run', 'buildah-test-pipeline-run', 'pending', 0],
      [
        'buildah-test-skip-push-pipeline-run',
        'buildah-test-skip-push-pipeline-run',
        'pending',
        0,
      ],
      ['write-and-cleanup-workspace', 'clone-cleanup-workspace', 'pending', 0],
      ['retry-example-', 'retry-example', 'pending', 0],
    ]);
    expect(records.every(r => r.createdAt === '2024-01-01T00:00:00.000Z')).toBe(
      true,
    );
  });

  it('refuses every document of the definition files', () => {
    // Tasks, Pipelines, an ApprovalTask and Triggers objects: all have a kind that is not a run.
    for (const file of [
      ...DEFINITION_FILES,
      'pipelinerun-with-final-tasks.yaml',
    ]) {
      const docs = readYaml<TektonPipelineRun>(file).filter(
        d => d.kind !== 'PipelineRun',
      );
      for (const doc of docs) {
        expect(() =>
          pipelineRunToRecord(doc, { cluster, taskRuns: [] }),
        ).toThrow(TypeError);
        expect(() => taskRunToTask(doc)).toThrow(TypeError);
      }
    }
  });
});

/** Readers for describe bodies, which run at collection time even when the block is skipped. */
function readJsonIfPresent<T>(file: string): T {
  return present ? readJson<T>(file) : ({} as T);
}

function readYamlIfPresent<T>(file: string): T[] {
  return present ? readYaml<T>(file) : [];
}
