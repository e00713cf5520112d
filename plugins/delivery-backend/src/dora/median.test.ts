import { median } from './median';
import { at, bootstrap, commit, deploy, H, run } from './testRecords';

describe('rule 6 — median (PERCENTILE_CONT(0.5))', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    // sorted 1, 3, 9 → 3
    expect(median([9, 1, 3])).toBe(3);
  });

  it('takes the mean of the two middle values of an even count', () => {
    // sorted 1, 2, 10, 40 → (2 + 10) / 2 = 6
    expect(median([40, 2, 10, 1])).toBe(6);
  });

  it('is null without samples and leaves its input alone', () => {
    const values = [3, 1, 2];
    expect(median([])).toBeNull();
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('gives an even-count lead time median as the mean of the middle two', () => {
    const boot = bootstrap();
    const result = run({
      deployments: [
        ...boot.deployments,
        deploy('d1', at(2), { commitSha: 'c4' }),
      ],
      changes: [
        ...boot.changes,
        commit('c1', 1, at(0)), // 48 h
        commit('c2', 2, at(1)), // 24 h
        commit('c3', 3, at(1, 12)), // 12 h
        commit('c4', 4, at(1, 22)), // 2 h
      ],
    });
    // sorted 2, 12, 24, 48 h → (12 + 24) / 2 = 18 h (not 12 or 24)
    expect(result.leadTimeMedianSeconds).toBe(18 * H);
  });
});
