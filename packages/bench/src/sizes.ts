/** What one size of `npm run bench` measures. */
export interface BenchSize {
  name: 'quick' | 'full';
  pipelines: { runs: number[]; repeat: number };
  runsApi: { services: number; runsPerService: number; samples: number };
  load: { seconds: number; days: number; runsRate: number; doraRate: number };
  /** Arguments of the plugins' own benchmark scripts. */
  children: Record<'ingest' | 'findings' | 'dora', string[]>;
}

/** A couple of minutes, to check the wiring. */
export const QUICK: BenchSize = {
  name: 'quick',
  pipelines: { runs: [500], repeat: 5 },
  runsApi: { services: 20, runsPerService: 500, samples: 10 },
  load: { seconds: 5, days: 42, runsRate: 50, doraRate: 20 },
  children: {
    ingest: ['--runs', '300', '--repeat', '2'],
    findings: ['--findings', '2000', '--repeat', '2'],
    dora: ['--services', '10', '--repeat', '2'],
  },
};

/** The figures of issue #9: 500/5,000/20,000 runs, 1M runs, 60 s of load, 2,000 services of DORA. */
export const FULL: BenchSize = {
  name: 'full',
  pipelines: { runs: [500, 5000, 20000], repeat: 10 },
  runsApi: { services: 200, runsPerService: 5000, samples: 30 },
  load: { seconds: 60, days: 365, runsRate: 50, doraRate: 20 },
  children: {
    ingest: ['--runs', '2000', '--repeat', '5'],
    findings: ['--findings', '50000', '--repeat', '3'],
    dora: ['--services', '2000', '--repeat', '5'],
  },
};
