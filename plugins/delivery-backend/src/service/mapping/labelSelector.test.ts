import { parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  const labels = {
    app: 'payments',
    tier: 'api',
    'tekton.dev/pipeline': 'build',
  };

  it.each([
    ['app=payments', true],
    ['app==payments,tier=api', true],
    ['app=payments,tier=web', false],
    ['app!=ledger', true],
    ['tier in (api, worker)', true],
    ['tier notin (api)', false],
    ['tekton.dev/pipeline', true],
    ['!missing', true],
    ['!app', false],
    ['app in (payments),!missing,tier', true],
  ])('%s matches: %p', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it('matches nothing for a run without labels unless the selector only excludes', () => {
    expect(parseLabelSelector('app=payments').matches(undefined)).toBe(false);
    expect(parseLabelSelector('!app').matches(undefined)).toBe(true);
  });

  it('rejects what it cannot read, naming it', () => {
    expect(() => parseLabelSelector('app=pay ments')).toThrow(/app=pay ments/);
    expect(() => parseLabelSelector(' , ')).toThrow(/Empty label selector/);
  });
});
