import { Variables, resultReferences, substitute } from './variables';

describe('Tekton variable substitution', () => {
  const vars = new Variables()
    .set('params.name', 'web')
    .set('params.flags', ['-a', '-b'])
    .set('params.target', { host: 'example.org', port: '443' })
    .set('tasks.build.results.digest', 'sha256:1');

  it.each([
    ['$(params.name)', 'web'],
    ['$(params["name"])', 'web'],
    ["$(params['name'])", 'web'],
    ['$(params.flags[1])', '-b'],
    ['$(params.target.host):$(params.target.port)', 'example.org:443'],
    ['img@$(tasks.build.results.digest)', 'img@sha256:1'],
    ['$(params.unknown) stays', '$(params.unknown) stays'],
    ['$(params.flags) is no string', '$(params.flags) is no string'],
  ])('%s → %s', (input, expected) => {
    expect(substitute(input, vars)).toBe(expected);
  });

  it('spreads a whole array into an array and keeps object keys as they are', () => {
    expect(
      substitute(
        {
          args: ['run', '$(params.flags[*])'],
          '$(params.name)': '$(params.name)',
        },
        vars,
      ),
    ).toEqual({ args: ['run', '-a', '-b'], '$(params.name)': 'web' });
    expect(substitute('$(params.target[*])', vars)).toEqual({
      host: 'example.org',
      port: '443',
    });
  });

  it('looks in the parent scope after its own values', () => {
    const child = vars.child().set('params.name', 'api');
    expect(substitute('$(params.name) $(params.flags[0])', child)).toBe(
      'api -a',
    );
    expect(substitute('$(params.name)', vars)).toBe('web');
  });

  it('finds task result references', () => {
    expect(
      resultReferences({
        params: [
          { value: '$(tasks.a.results.x) and $(tasks.b.results.obj.key)' },
          { value: ['$(tasks.c.results.list[*])', '$(params.p)'] },
        ],
        value: '$(finally.f.results.y)',
      }),
    ).toEqual([
      { section: 'tasks', task: 'a', result: 'x' },
      { section: 'tasks', task: 'b', result: 'obj' },
      { section: 'tasks', task: 'c', result: 'list' },
      { section: 'finally', task: 'f', result: 'y' },
    ]);
  });
});
