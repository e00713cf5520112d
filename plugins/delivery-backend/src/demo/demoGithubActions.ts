import { RunStatus, TaskRun } from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';

/** GitHub's word for each status, as the GitHub Actions provider keeps it as the reason. */
const GITHUB_REASON: Record<RunStatus, string> = {
  pending: 'queued',
  running: 'in_progress',
  succeeded: 'success',
  failed: 'failure',
  cancelled: 'cancelled',
  timedOut: 'timed_out',
  unknown: 'neutral',
};

/** First demo run id: far above the ids of real repositories' runs in examples. */
const FIRST_RUN_ID = 9_100_000_000;

function asJob(task: TaskRun, jobId: number, runUrl: string): TaskRun {
  return {
    ...task,
    name: String(jobId),
    reason: GITHUB_REASON[task.status],
    isFinally: false,
    podName: undefined,
    url: `${runUrl}/job/${jobId}`,
    steps: task.steps?.map(s => ({ ...s, container: undefined })),
  };
}

/**
 * Demo history of a component that builds on GitHub Actions and deploys with Tekton: its CI runs
 * become GitHub Actions workflow runs of `example/<name>` (provider `github-actions`, workflow
 * `CI`, numbered per workflow, jobs as tasks, links to github.com) the way the GitHub Actions
 * module stores them; deploy runs stay Tekton (demo) runs, so the runs table shows both.
 * The demo has no GitHub access: logs, rerun and cancel of these runs answer that no GitHub
 * integration is configured.
 */
export function withGithubActionsCi(
  runs: PipelineRunRecord[],
): PipelineRunRecord[] {
  const ordered = [...runs].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  let number = 0;
  return ordered.map(run => {
    if (run.environment) {
      return run;
    }
    number += 1;
    const runId = FIRST_RUN_ID + number;
    const repository = run.git.repository ?? 'https://github.com/example/demo';
    const url = `${repository}/actions/runs/${runId}`;
    const { kubernetesId: _id, labels: _labels, cluster: _c, ...rest } = run;
    return {
      ...rest,
      uid: `github-actions:github.com:${runId}`,
      provider: 'github-actions',
      namespace: repository.replace(/^https:\/\/github\.com\//, ''),
      name: `CI #${number}`,
      pipelineName: 'CI',
      reason: GITHUB_REASON[run.status],
      url,
      params: [
        { name: 'run_attempt', value: '1' },
        { name: 'workflow', value: '.github/workflows/ci.yml' },
      ],
      tasks: run.tasks.map((task, i) => asJob(task, runId * 10 + i, url)),
    };
  });
}
