import { githubStatus } from './status';

describe('githubStatus', () => {
  it.each([
    ['completed', 'success', 'succeeded'],
    ['completed', 'neutral', 'succeeded'],
    ['completed', 'failure', 'failed'],
    ['completed', 'startup_failure', 'failed'],
    ['completed', 'cancelled', 'cancelled'],
    ['completed', 'skipped', 'cancelled'],
    ['completed', 'stale', 'cancelled'],
    ['completed', 'timed_out', 'timedOut'],
    ['completed', 'action_required', 'pending'],
    ['completed', 'something_new', 'unknown'],
    ['completed', null, 'unknown'],
    ['queued', null, 'pending'],
    ['requested', null, 'pending'],
    ['waiting', null, 'pending'],
    ['pending', null, 'pending'],
    ['in_progress', null, 'running'],
    [null, null, 'unknown'],
  ])('%s / %s is %s', (state, conclusion, status) => {
    expect(githubStatus(state, conclusion).status).toBe(status);
  });

  it("keeps GitHub's word as the reason", () => {
    expect(githubStatus('completed', 'timed_out')).toEqual({
      status: 'timedOut',
      reason: 'timed_out',
    });
    expect(githubStatus('in_progress', null)).toEqual({
      status: 'running',
      reason: 'in_progress',
    });
  });
});
