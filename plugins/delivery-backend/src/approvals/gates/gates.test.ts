import { metricGate } from './metricGate';
import { soakGate } from './soakGate';
import { makeRun } from '../../database/testRuns';

const run = (results: Array<{ name: string; value: string }>) => ({
  ...makeRun({ uid: 'r1', results }),
  tasks: [],
});

describe('metricGate', () => {
  it.each([
    ['accuracy >= 0.8', '0.8', true],
    ['accuracy > 0.8', '0.8', false],
    ['loss < 0.2', '0.19', true],
    ['loss <= 0.2', '0.21', false],
    ['drift == 0', '0', true],
  ])('%s with %s passes: %s', (expression, value, passed) => {
    const name = expression.split(' ')[0];
    expect(metricGate(expression, run([{ name, value }])).passed).toBe(passed);
  });

  it('fails, saying why, without a run, a result or a number', () => {
    expect(metricGate('accuracy >= 0.8', undefined).detail).toMatch(
      /No pipeline run/,
    );
    expect(metricGate('accuracy >= 0.8', run([])).detail).toBe(
      "Run run-r1 has no result 'accuracy'",
    );
    expect(
      metricGate('accuracy >= 0.8', run([{ name: 'accuracy', value: 'high' }]))
        .detail,
    ).toBe("Result 'accuracy' of run run-r1 is not a number");
  });
});

describe('soakGate', () => {
  const now = new Date('2026-11-02T12:00:00Z');
  const deployedAt = (iso: string) => ({ id: 'd', finishedAt: new Date(iso) });

  it('passes once the revision has run in the previous environment for the wait', () => {
    const gate = soakGate({
      previousEnvironment: 'staging',
      waitMs: 5_400_000,
      deployment: deployedAt('2026-11-02T10:00:00Z'),
      now,
    });
    expect(gate).toEqual({
      kind: 'soak',
      name: 'soak 1 h 30 min in staging',
      passed: true,
      detail: 'Running in staging for 2 h',
    });
  });

  it('says how long is left before then', () => {
    const gate = soakGate({
      previousEnvironment: 'staging',
      waitMs: 3_600_000,
      deployment: deployedAt('2026-11-02T11:15:00Z'),
      now,
    });
    expect(gate.passed).toBe(false);
    expect(gate.detail).toBe('Running in staging for 45 min; 15 min to go');
  });

  it('passes for the first environment, which has nothing to soak in', () => {
    expect(soakGate({ waitMs: 1, now }).passed).toBe(true);
  });
});
