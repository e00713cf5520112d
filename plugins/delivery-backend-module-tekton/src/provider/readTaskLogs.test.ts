import { FakeKubeApiServer } from '../testing';
import { providerFor, storedRun } from './__testUtils__/testProvider';

/** Numbered lines `line 000001 xxx…` of `width` bytes each (newline included). */
function numberedLog(lines: number, width: number): string {
  return Array.from({ length: lines }, (_, i) =>
    `line ${String(i + 1).padStart(6, '0')} `.padEnd(width - 1, 'x'),
  )
    .map(line => `${line}\n`)
    .join('');
}

/** The last `bytes` bytes of a text, as the provider must return them. */
function lastBytes(text: string, bytes: number): string {
  return Buffer.from(text).subarray(-bytes).toString('utf8');
}

describe('Tekton step logs: the bounded tail of each step', () => {
  let kube: FakeKubeApiServer;
  beforeEach(async () => {
    kube = await FakeKubeApiServer.start();
  });
  afterEach(async () => kube.close());

  const logRequests = () =>
    kube.requests.filter(r => r.path.endsWith('/pods/build-1-test-pod/log'));

  it('returns the last limitBytes of a long log, marked truncated, never asking for the whole log', async () => {
    const log = numberedLog(20_000, 100); // 2 MB
    kube.setPodLog('ci', 'build-1-test-pod', 'step-run', log);
    const run = storedRun();
    const logs = await providerFor(kube).getTaskLogs(run, run.tasks[0], {
      limitBytes: 4096,
    });

    expect(logs.steps).toEqual([
      {
        name: 'run',
        container: 'step-run',
        log: lastBytes(log, 4096),
        truncated: true,
      },
    ]);
    const asked = logRequests();
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.length).toBeLessThanOrEqual(4);
    for (const { query } of asked) {
      expect(Number(query.tailLines)).toBeGreaterThan(0);
      expect(Number(query.limitBytes)).toBeLessThanOrEqual(2 * 4096);
    }
  });

  it('finds the true tail when lines are much longer or shorter than expected', async () => {
    const run = storedRun(['long', 'short']);
    const long = numberedLog(500, 1500);
    const short = numberedLog(50_000, 4);
    kube.setPodLog('ci', 'build-1-test-pod', 'step-long', long);
    kube.setPodLog('ci', 'build-1-test-pod', 'step-short', short);
    const logs = await providerFor(kube).getTaskLogs(run, run.tasks[0], {
      limitBytes: 1024,
    });
    expect(logs.steps.map(s => [s.name, s.log, s.truncated])).toEqual([
      ['long', lastBytes(long, 1024), true],
      ['short', lastBytes(short, 1024), true],
    ]);
    expect(logRequests().length).toBeLessThanOrEqual(8);
  });

  it('cuts on a UTF-8 character boundary', async () => {
    const log = '→ déploiement réussi ✓\n'.repeat(400);
    kube.setPodLog('ci', 'build-1-test-pod', 'step-run', log);
    const run = storedRun();
    const [step] = (
      await providerFor(kube).getTaskLogs(run, run.tasks[0], {
        limitBytes: 1025,
      })
    ).steps;
    expect(step.truncated).toBe(true);
    expect(step.log).not.toContain('\ufffd');
    expect(log.endsWith(step.log)).toBe(true);
    const bytes = Buffer.byteLength(step.log);
    expect(bytes).toBeLessThanOrEqual(1025);
    expect(bytes).toBeGreaterThan(1025 - 4);
  });

  it('returns a short log whole, without truncated', async () => {
    kube.setPodLog(
      'ci',
      'build-1-test-pod',
      'step-run',
      'npm test\n1 failing\n',
    );
    const run = storedRun();
    const logs = await providerFor(kube).getTaskLogs(run, run.tasks[0], {
      limitBytes: 4096,
    });
    expect(logs.steps).toEqual([
      { name: 'run', container: 'step-run', log: 'npm test\n1 failing\n' },
    ]);
    expect(logRequests()).toHaveLength(1);
  });
});
