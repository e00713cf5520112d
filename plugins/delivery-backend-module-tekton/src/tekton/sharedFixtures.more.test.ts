import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import { RunStatus } from '@slipway/plugin-delivery-common';
import { TektonPipelineRun, TektonTaskRun } from './objects';
import { pipelineRunToRecord } from './pipelineRunToRecord';
import { taskRunToTask } from './taskRunToTask';
import {
  cluster,
  DEFINITION_FILES,
  describeFixtures,
  readYaml,
  readYamlIfPresent,
  statusCounts,
  taskSummary,
} from './__testUtils__/sharedTektonFixtures';

/*
 * Runs the mappers over the real upstream Tekton data in /work/shared/fixtures/tekton. Every
 * expected value below was derived by reading the file named in the test; the derivation is in
 * the comment next to it.
 */

describeFixtures(
  'shared Tekton fixtures: snapshots, test blocks, approvals and definitions',
  () => {
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
        const record = pipelineRunToRecord(run, {
          cluster,
          taskRuns: [taskRun],
        });
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
      const [cancelled, toBeRetried, retrying] =
        readYamlIfPresent<TektonTaskRun>(
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
        [
          'buildah-test-pipeline-run',
          'buildah-test-pipeline-run',
          'pending',
          0,
        ],
        [
          'buildah-test-skip-push-pipeline-run',
          'buildah-test-skip-push-pipeline-run',
          'pending',
          0,
        ],
        [
          'write-and-cleanup-workspace',
          'clone-cleanup-workspace',
          'pending',
          0,
        ],
        ['retry-example-', 'retry-example', 'pending', 0],
      ]);
      expect(
        records.every(r => r.createdAt === '2024-01-01T00:00:00.000Z'),
      ).toBe(true);
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
  },
);
