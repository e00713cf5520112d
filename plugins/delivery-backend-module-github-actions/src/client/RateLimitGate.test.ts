import { mockServices } from '@backstage/backend-test-utils';
import { RateLimitGate } from './RateLimitGate';

describe('RateLimitGate', () => {
  it('blocks after an answer that used the last request, until the reset', () => {
    const now = 1_800_000_000_000;
    const gate = new RateLimitGate(mockServices.logger.mock(), () => now);
    gate.observe('github.com', { 'x-ratelimit-remaining': '1' });
    expect(gate.blockedUntil('github.com')).toBeUndefined();
    gate.observe('github.com', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1800000600',
    });
    expect(gate.blockedUntil('github.com')?.getTime()).toBe(1_800_000_600_000);
    expect(() => gate.check('github.com')).toThrow(
      'GitHub rate limit for github.com is exhausted until 2027-01-15T08:10:00.000Z',
    );
    // other hosts are not affected
    expect(() => gate.check('ghe.example.com')).not.toThrow();
  });

  it('pauses a minute when a limited answer says nothing about when', () => {
    const now = 1_800_000_000_000;
    const gate = new RateLimitGate(mockServices.logger.mock(), () => now);
    expect(gate.rejected('github.com', 429, {})).toBe(true);
    expect(gate.blockedUntil('github.com')?.getTime()).toBe(now + 60_000);
    expect(gate.rejected('ghe.example.com', 403, {})).toBe(false);
    expect(gate.rejected('ghe.example.com', 500, { 'retry-after': '5' })).toBe(
      false,
    );
  });
});
