import { RunAssembler } from './RunAssembler';
import { pipelineRunWithTasks } from './testObjects';

describe('RunAssembler', () => {
  it('joins children by label whichever arrives first, and reports each changed run once', () => {
    const assembler = new RunAssembler('c');
    const { pipelineRun, taskRuns } = pipelineRunWithTasks({
      name: 'p',
      tasks: ['a', 'b'],
    });
    assembler.addTaskRun(taskRuns[0]);
    expect(assembler.takeChanged()).toEqual([]);
    assembler.addPipelineRun(pipelineRun);
    assembler.addTaskRun(taskRuns[1]);
    const [record] = assembler.takeChanged();
    expect(record.tasks.map(t => t.pipelineTaskName)).toEqual(['a', 'b']);
    expect(assembler.takeChanged()).toEqual([]);
    assembler.addTaskRun(taskRuns[1]);
    expect(assembler.takeChanged()).toHaveLength(1);
  });

  it('adopts unlabelled children of a run that lists none, by Tekton child naming', () => {
    const assembler = new RunAssembler('c');
    const { pipelineRun, taskRuns } = pipelineRunWithTasks({
      name: 'old-run',
      tasks: ['build'],
    });
    const bare = {
      ...pipelineRun,
      status: { ...pipelineRun.status, childReferences: undefined },
    };
    const orphan = {
      ...taskRuns[0],
      metadata: {
        ...taskRuns[0].metadata,
        name: 'old-run-build-x7k2p',
        labels: { 'tekton.dev/pipelineTask': 'build' },
      },
    };
    const stranger = {
      ...orphan,
      metadata: { ...orphan.metadata, name: 'other-run-build-x7k2p' },
    };
    assembler.addTaskRun(orphan);
    assembler.addTaskRun(stranger);
    assembler.addPipelineRun(bare);
    const [record] = assembler.takeChanged();
    expect(record.tasks.map(t => t.name)).toEqual(['old-run-build-x7k2p']);
  });

  it("tags each record with the PipelineRun's resourceVersion and each task with its TaskRun's", () => {
    const assembler = new RunAssembler('c');
    const { pipelineRun, taskRuns } = pipelineRunWithTasks({
      name: 'p',
      tasks: ['a', 'b'],
    });
    assembler.addTaskRun(withVersion(taskRuns[0], '11'));
    assembler.addPipelineRun(withVersion(pipelineRun, '12'));
    const [record] = assembler.takeChanged();
    expect(record.sourceVersion).toBe('12');
    // b is only known from the run's childReferences: its task carries no version
    expect(record.taskSourceVersions).toEqual({ 'p-a': '11' });
  });

  it('forgets a finished run and its TaskRuns once written, keeping unfinished runs', () => {
    const assembler = new RunAssembler('c');
    for (let i = 0; i < 200; i++) {
      const { pipelineRun, taskRuns } = pipelineRunWithTasks({
        name: `done-${i}`,
        outcome: i % 2 ? 'failed' : 'succeeded',
      });
      taskRuns.forEach(t => assembler.addTaskRun(t));
      assembler.addPipelineRun(pipelineRun);
    }
    const running = pipelineRunWithTasks({ name: 'busy', outcome: 'running' });
    running.taskRuns.forEach(t => assembler.addTaskRun(t));
    assembler.addPipelineRun(running.pipelineRun);
    const records = assembler.takeChanged();
    expect(records).toHaveLength(201);
    expect(assembler.held().pipelineRuns).toBe(201);

    assembler.written(records);
    expect(assembler.held()).toEqual({
      pipelineRuns: 1,
      taskRuns: 2,
      waiting: 0,
    });
  });

  it("keeps a finished run whose child still shows running until that child's final update is written", () => {
    const assembler = new RunAssembler('c');
    const done = pipelineRunWithTasks({ name: 'p', tasks: ['a'] });
    const stale = pipelineRunWithTasks({
      name: 'p',
      tasks: ['a'],
      outcome: 'running',
    });
    // the TaskRun watch lags behind the PipelineRun watch
    assembler.addTaskRun(stale.taskRuns[0]);
    assembler.addPipelineRun(done.pipelineRun);
    assembler.written(assembler.takeChanged());
    expect(assembler.held().pipelineRuns).toBe(1);

    assembler.addTaskRun(done.taskRuns[0]);
    const [record] = assembler.takeChanged();
    expect(record.tasks.map(t => t.status)).toEqual(['succeeded']);
    assembler.written([record]);
    expect(assembler.held()).toEqual({
      pipelineRuns: 0,
      taskRuns: 0,
      waiting: 0,
    });
  });

  it('bounds the TaskRuns that wait for a parent that never comes, and keeps no standalone TaskRuns', () => {
    const assembler = new RunAssembler('c', { maxWaitingChildren: 50 });
    for (let i = 0; i < 1000; i++) {
      const { taskRuns } = pipelineRunWithTasks({ name: `gone-${i}` });
      taskRuns.forEach(t => assembler.addTaskRun(t));
      // unlabelled children of old runs that never show up
      assembler.addTaskRun({
        ...taskRuns[0],
        metadata: {
          ...taskRuns[0].metadata,
          name: `old-${i}-build-x7k2p`,
          labels: { 'tekton.dev/pipelineTask': 'build' },
        },
      });
      // a TaskRun started on its own belongs to no pipeline run
      assembler.addTaskRun({
        ...taskRuns[0],
        metadata: { name: `standalone-${i}`, namespace: 'ci' },
      });
    }
    expect(assembler.held().taskRuns).toBe(50);
    expect(assembler.held().waiting).toBe(50);
    expect(assembler.takeChanged()).toEqual([]);

    // the newest waiting children still join their run when it comes
    const last = pipelineRunWithTasks({ name: 'gone-999' });
    assembler.addPipelineRun(last.pipelineRun);
    const [record] = assembler.takeChanged();
    expect(record.tasks.map(t => t.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('finds the children of a forgotten run, and the run of a late child, through the lookup', () => {
    const { pipelineRun, taskRuns } = pipelineRunWithTasks({ name: 'p' });
    const cache = new Map<string, object>([
      ['p', pipelineRun],
      ...taskRuns.map(t => [t.metadata.name, t] as [string, object]),
    ]);
    const assembler = new RunAssembler('c', {
      lookup: {
        pipelineRun: (_ns, name) => cache.get(name) as never,
        taskRun: (_ns, name) => cache.get(name) as never,
      },
    });
    taskRuns.forEach(t => assembler.addTaskRun(t));
    assembler.addPipelineRun(pipelineRun);
    assembler.written(assembler.takeChanged());
    expect(assembler.held().pipelineRuns).toBe(0);

    // Chains signs the run after it finished: its children come from the cache
    const signed = {
      ...pipelineRun,
      metadata: {
        ...pipelineRun.metadata,
        annotations: { 'chains.tekton.dev/signed': 'true' },
      },
    };
    cache.set('p', signed);
    assembler.addPipelineRun(signed);
    let [record] = assembler.takeChanged();
    expect(record).toMatchObject({ signed: true });
    expect(record.tasks).toHaveLength(2);
    assembler.written([record]);
    expect(assembler.held().pipelineRuns).toBe(0);

    // a child changes after its run was forgotten: the run comes from the cache
    assembler.addTaskRun(taskRuns[1]);
    [record] = assembler.takeChanged();
    expect(record.tasks).toHaveLength(2);
    assembler.written([record]);
    expect(assembler.held()).toEqual({
      pipelineRuns: 0,
      taskRuns: 0,
      waiting: 0,
    });
  });
});

function withVersion<T extends { metadata: object }>(obj: T, v: string): T {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: v } };
}
