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
    {
      name: 'test',
      runAfter: ['clone'],
      script: 'cd $(workspaces.source.path)',
    },
  ],
};

describe('validatePipeline', () => {
  it('accepts a valid pipeline', () => {
    expect(validatePipeline(valid)).toEqual([]);
  });

  it('reports an unknown runAfter', () => {
    const spec = {
      ...valid,
      tasks: [...valid.tasks, { name: 'x', runAfter: ['nope'] }],
    };
    expect(validatePipeline(spec)).toEqual([
      'task "x" runs after unknown task "nope"',
    ]);
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

describe('validatePipeline on inline taskSpecs and results', () => {
  const inline = {
    params: [{ name: 'git-url' }],
    workspaces: [{ name: 'source' }],
    tasks: [
      {
        name: 'clone',
        params: [{ name: 'url', value: '$(params.git-url)' }],
        workspaces: [{ name: 'source', workspace: 'source' }],
        taskSpec: {
          params: [{ name: 'url' }],
          workspaces: [{ name: 'source' }],
          results: [{ name: 'commit' }],
          steps: [
            {
              script:
                'git clone $(params.url) $(workspaces.source.path) > $(results.commit.path)',
            },
          ],
        },
      },
      {
        name: 'build',
        params: [{ name: 'tag', value: '$(tasks.clone.results.commit)' }],
        taskSpec: {
          params: [{ name: 'tag' }],
          steps: [{ args: ['$(params.tag)'] }],
        },
      },
    ],
  };

  it('reads params inside a taskSpec as the task’s own, not the pipeline’s', () => {
    expect(validatePipeline(inline)).toEqual([]);
  });

  it('reports what a taskSpec uses without declaring, and what the task does not pass or bind', () => {
    const [clone, build] = inline.tasks;
    const spec = {
      ...inline,
      tasks: [
        { ...clone, params: [], workspaces: [] },
        {
          ...build,
          taskSpec: {
            steps: [{ args: ['$(params.tag)', '$(results.digest.path)'] }],
          },
        },
      ],
    };
    expect(validatePipeline(spec)).toEqual([
      'task "clone": param "url" is not passed',
      'task "clone": workspace "source" is not bound',
      'task "build": params "tag" is used but not declared in its taskSpec',
      'task "build": results "digest" is used but not declared in its taskSpec',
    ]);
  });

  it('reports results of unknown tasks, undeclared results and unbound pipeline workspaces', () => {
    const [clone, build] = inline.tasks;
    const spec = {
      ...inline,
      workspaces: [],
      tasks: [
        clone,
        {
          ...build,
          params: [
            { name: 'tag', value: '$(tasks.clone.results.sha)' },
            { name: 'other', value: '$(tasks.fetch.results.commit)' },
          ],
        },
      ],
    };
    expect(validatePipeline(spec)).toEqual([
      'task "clone" has no result "sha"',
      'result "commit" of unknown task "fetch" is used',
      'workspaces "source" is used but not declared',
    ]);
  });
});
