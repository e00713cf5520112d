import fs from 'fs';
import path from 'path';
import { TektonPipelineRun, TektonTaskRun } from './objects';
import { pipelineRunToRecord } from './pipelineRunToRecord';
import { taskRunToTask } from './taskRunToTask';
import {
  APPROVAL_FRAGMENTS,
  cluster,
  DEFINITION_FILES,
  describeFixtures,
  dir,
  readJson,
  readJsonIfPresent,
  RUN_FILES,
  statusCounts,
  taskSummary,
} from './__testUtils__/sharedTektonFixtures';

/*
 * Runs the mappers over the real upstream Tekton data in /work/shared/fixtures/tekton. Every
 * expected value below was derived by reading the file named in the test; the derivation is in
 * the comment next to it.
 */

describeFixtures('shared Tekton fixtures: runs and their children', () => {
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
});
