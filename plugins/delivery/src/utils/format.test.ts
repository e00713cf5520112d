import { formatDuration } from './format';

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [9, '9s'],
    [252, '4m 12s'],
    [3840, '1h 4m'],
  ])('formats %p as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
