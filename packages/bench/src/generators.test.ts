import { runRows, runStatus, serviceRef, TASK_EVERY } from './runsApi/runRows';
import { tektonRun } from './pipelines/tektonObjects';

describe('benchmark data generators', () => {
  it('spreads run statuses 85/10/3/2 over every hundred runs', () => {
    // 7919 is coprime to 100, so i * 7919 mod 100 visits every residue once per hundred
    const counts: Record<string, number> = {};
    for (let i = 100; i < 200; i++) {
      counts[runStatus(i)] = (counts[runStatus(i)] ?? 0) + 1;
    }
    expect(counts).toEqual({
      succeeded: 85,
      failed: 10,
      cancelled: 3,
      timedOut: 2,
    });
  });

  it('writes rows for the service they belong to, with tasks for one run in ten', () => {
    const first = runRows(3, 0);
    const second = runRows(3, 1);
    expect(first.run.entity_ref).toBe('component:default/svc-00003');
    expect(serviceRef(3)).toBe(first.run.entity_ref);
    expect(first.tasks.map(t => t.run_uid)).toEqual([
      first.run.uid,
      first.run.uid,
      first.run.uid,
    ]);
    expect(second.tasks).toEqual([]);
    expect(TASK_EVERY).toBe(10);
    // later runs start later: the newest run is the first page's first item
    expect(second.run.sort_at.getTime()).toBeGreaterThan(
      first.run.sort_at.getTime(),
    );
    expect(runRows(3, 0)).toEqual(first);
  });

  it('labels TaskRuns like their PipelineRun, as Tekton propagates labels', () => {
    const { pipelineRun, taskRuns } = tektonRun('payments-api', 7);
    expect(taskRuns).toHaveLength(3);
    for (const taskRun of taskRuns) {
      expect(taskRun.metadata.labels['backstage.io/kubernetes-id']).toBe(
        'payments-api',
      );
      expect(taskRun.metadata.labels['tekton.dev/pipelineRun']).toBe(
        pipelineRun.metadata.name,
      );
    }
    // run 7 of every ten fails
    expect(pipelineRun.status.conditions[0].reason).toBe('Failed');
    expect(
      tektonRun('payments-api', 8).pipelineRun.status.conditions[0].reason,
    ).toBe('Succeeded');
  });
});
