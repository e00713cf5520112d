import { commitUrl } from './git';

describe('commitUrl', () => {
  it('links GitHub and GitLab commits and skips what is not a web URL', () => {
    expect(
      commitUrl({ repository: 'https://github.com/o/r.git', revision: 'abc' }),
    ).toBe('https://github.com/o/r/commit/abc');
    expect(
      commitUrl({ repository: 'https://gitlab.com/o/r/', revision: 'abc' }),
    ).toBe('https://gitlab.com/o/r/-/commit/abc');
    expect(
      commitUrl({ repository: 'git@github.com:o/r.git', revision: 'abc' }),
    ).toBeUndefined();
    expect(commitUrl({ repository: 'https://github.com/o/r' })).toBeUndefined();
  });
});
