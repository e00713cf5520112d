/** Nearest-rank percentile (p in 0..1) of the samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/** One decimal place: enough for milliseconds measured on a noisy machine. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

/** Median and p95 of timings in milliseconds. */
export interface Summary {
  p50Ms: number;
  p95Ms: number;
  samples: number;
}

/** The median and p95 of the samples. */
export function summarize(samples: number[]): Summary {
  return {
    p50Ms: round1(percentile(samples, 0.5)),
    p95Ms: round1(percentile(samples, 0.95)),
    samples: samples.length,
  };
}

/** Ratio of two medians to three significant digits. */
export function ratio(a: Summary, b: Summary): number {
  return Number((a.p50Ms / b.p50Ms).toPrecision(3));
}

/** Runs `fn` and returns the milliseconds it took with its value. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, value];
}
