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

describe('validatePipeline on results, when expressions, labels and volumes', () => {
  const deploy = {
    params: [{ name: 'environment' }],
    tasks: [
      {
        name: 'validate',
        taskSpec: {
          results: [{ name: 'accuracy' }],
          steps: [{ script: 'echo 0.9 > $(results.accuracy.path)' }],
        },
      },
      {
        name: 'deploy-dev',
        when: [
          { input: '$(params.environment)', operator: 'in', values: ['dev'] },
        ],
        taskSpec: {
          metadata: { labels: { 'slipway.dev/environment': 'dev' } },
          volumes: [{ name: 'checkout', emptyDir: {} }],
          steps: [
            {
              name: 'clone',
              volumeMounts: [{ name: 'checkout', mountPath: '/checkout' }],
            },
          ],
        },
      },
    ],
    results: [
      { name: 'accuracy', value: '$(tasks.validate.results.accuracy)' },
    ],
  };

  it('accepts pipeline results of declared task results, when expressions, labels and mounted volumes', () => {
    expect(validatePipeline(deploy)).toEqual([]);
  });

  it('reports pipeline results of unknown tasks or undeclared results, and duplicates', () => {
    expect(
      validatePipeline({
        ...deploy,
        results: [
          ...deploy.results,
          { name: 'accuracy', value: '$(tasks.validate.results.loss)' },
          { name: 'digest', value: '$(tasks.build.results.IMAGE_DIGEST)' },
        ],
      }),
    ).toEqual([
      'duplicate pipeline result "accuracy"',
      'task "validate" has no result "loss"',
      'result "IMAGE_DIGEST" of unknown task "build" is used',
    ]);
  });

  it('reports when expressions Tekton would refuse and undeclared params in them', () => {
    const [validate, task] = deploy.tasks;
    expect(
      validatePipeline({
        ...deploy,
        tasks: [
          validate,
          {
            ...task,
            when: [
              { input: '$(params.env)', operator: 'is', values: [] },
            ] as any,
          },
        ],
      }),
    ).toEqual([
      'params "env" is used but not declared',
      'task "deploy-dev": when operator must be in or notin, got "is"',
      'task "deploy-dev": when values must be a non-empty list of strings',
    ]);
  });

  it('reports invalid TaskRun labels and volumes a step mounts without declaring', () => {
    const [validate, task] = deploy.tasks;
    expect(
      validatePipeline({
        ...deploy,
        tasks: [
          validate,
          {
            ...task,
            taskSpec: {
              ...task.taskSpec,
              metadata: {
                labels: {
                  'slipway.dev/environment': 'Dev Lane',
                  'bad key/x/y': 'ok',
                },
              },
              volumes: [],
            },
          },
        ],
      }),
    ).toEqual([
      'task "deploy-dev": label "slipway.dev/environment" has an invalid value "Dev Lane"',
      'task "deploy-dev": "bad key/x/y" is not a valid label key',
      'task "deploy-dev": step "clone" mounts volume "checkout", which its taskSpec does not declare',
    ]);
  });
});
