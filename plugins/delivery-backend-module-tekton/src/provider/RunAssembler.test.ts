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
});
