import { validatePipeline } from './validatePipeline';

const valid = {
  params: [{ name: 'revision' }],
  workspaces: [{ name: 'source' }],
  tasks: [
    {
      name: 'clone',
      params: [{ name: 'revision', value: '$(params.revision)' }],
      workspaces: [{ name: 'output', workspace: 'source' }],
    },
    { name: 'test', runAfter: ['clone'], script: 'cd $(workspaces.source.path)' },
  ],
};

describe('validatePipeline', () => {
  it('accepts a valid pipeline', () => {
    expect(validatePipeline(valid)).toEqual([]);
  });

  it('reports an unknown runAfter', () => {
    const spec = { ...valid, tasks: [...valid.tasks, { name: 'x', runAfter: ['nope'] }] };
    expect(validatePipeline(spec)).toEqual(['task "x" runs after unknown task "nope"']);
  });

  it('reports undeclared params and workspaces', () => {
    const spec = { ...valid, params: [], workspaces: [] };
    expect(validatePipeline(spec)).toEqual([
      'params "revision" is used but not declared',
      'workspaces "source" is used but not declared',
    ]);
  });

  it('reports a cycle', () => {
    const spec = {
      tasks: [
        { name: 'a', runAfter: ['b'] },
        { name: 'b', runAfter: ['a'] },
      ],
    };
    expect(validatePipeline(spec)).toEqual(['runAfter cycle: a -> b -> a']);
  });

  it('reports duplicate task names', () => {
    const spec = { tasks: [{ name: 'a' }, { name: 'a' }] };
    expect(validatePipeline(spec)).toEqual(['duplicate task name "a"']);
  });
});
