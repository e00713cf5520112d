import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  readRequestTimeout,
} from './requestTimeout';

const read = (requestTimeout?: unknown) =>
  readRequestTimeout(
    new ConfigReader(
      requestTimeout === undefined
        ? {}
        : { delivery: { tekton: { requestTimeout } } },
    ),
  );

describe('readRequestTimeout', () => {
  it('reads delivery.tekton.requestTimeout as a duration, 15 s by default', () => {
    expect(read()).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(15_000);
    expect(read('250ms')).toBe(250);
    expect(read('PT20S')).toBe(20_000);
    expect(read({ seconds: 2, milliseconds: 500 })).toBe(2_500);
  });

  it('refuses a duration that is not positive or not a duration', () => {
    expect(() => read('0s')).toThrow(/positive duration/);
    expect(() => read('soon')).toThrow(/Invalid duration 'soon'/);
  });
});
