import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one to mount.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver;

// Rendering the first test of a file loads MUI and core-components; on a busy 2-core machine
// that alone can pass the defaults (1 s for findBy*, 5 s per test). Wait longer; assert the same.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(30_000);
