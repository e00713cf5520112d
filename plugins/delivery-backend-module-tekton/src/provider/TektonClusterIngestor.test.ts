import { mockServices } from '@backstage/backend-test-utils';
import {
  PipelineRunRecord,
  PipelineRunSink,
} from '@slipway/plugin-delivery-node';
import { FakeKubeApiServer, waitFor } from '../testing';
import { TektonClusterIngestor } from './TektonClusterIngestor';
import { pipelineRunWithTasks, TestRunSpec } from './testObjects';

jest.setTimeout(30_000);

/** Keeps the latest record per uid, like the store does, and counts writes. */
class MemorySink implements PipelineRunSink {
  readonly runs = new Map<string, PipelineRunRecord>();
  writes = 0;
  failNext = 0;
  async upsertRuns(records: PipelineRunRecord[]) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is locked');
    }
    this.writes++;
    records.forEach(r => this.runs.set(r.uid, r));
  }
  statusOf(uid: string) {
    return this.runs.get(uid)?.status;
  }
}

describe('TektonClusterIngestor', () => {
  let server: FakeKubeApiServer;
  let ingestor: TektonClusterIngestor | undefined;

  beforeEach(async () => {
    server = await FakeKubeApiServer.start();
  });
  afterEach(async () => {
    await ingestor?.stop();
    ingestor = undefined;
    await server.close();
  });

  function put(spec: TestRunSpec) {
    const { pipelineRun, taskRuns } = pipelineRunWithTasks(spec);
    taskRuns.forEach(t => server.put('taskruns', t));
    server.put('pipelineruns', pipelineRun);
  }

  function startIngestor(sink: MemorySink, namespaces?: string[]) {
    ingestor = new TektonClusterIngestor({
      cluster: {
        name: 'fake',
        url: server.url,
        skipTLSVerify: true,
        serviceAccountToken: server.token,
        namespaces,
      },
      kubeConfig: server.kubeConfig(),
      sink,
      logger: mockServices.logger.mock(),
      flushDelayMs: 20,
      retryDelayMs: 50,
    });
    return ingestor.start();
  }

  it('lists existing runs with their tasks, then follows changes within the flush delay', async () => {
    put({ name: 'a', outcome: 'succeeded', kubernetesId: 'payments-api' });
    put({ name: 'b', outcome: 'running' });
    const sink = new MemorySink();
    await startIngestor(sink);

    await waitFor(() => sink.runs.size === 2, 'the two listed runs');
    const a = sink.runs.get('uid-a')!;
    expect(a).toMatchObject({
      status: 'succeeded',
      kubernetesId: 'payments-api',
      durationSeconds: 42,
      cluster: 'fake',
    });
    expect(a.tasks.map(t => [t.pipelineTaskName, t.status])).toEqual([
      ['build', 'succeeded'],
      ['test', 'succeeded'],
    ]);
    expect(ingestor!.version).toBe('v1');

    put({ name: 'b', outcome: 'failed' });
    await waitFor(() => sink.statusOf('uid-b') === 'failed', 'b to fail', 2000);
    expect(
      sink.runs.get('uid-b')!.tasks.every(t => t.status === 'failed'),
    ).toBe(true);
  });

  it('joins TaskRuns that arrive before their PipelineRun', async () => {
    const sink = new MemorySink();
    await startIngestor(sink);
    const { pipelineRun, taskRuns } = pipelineRunWithTasks({
      name: 'late',
      tasks: ['x', 'y', 'z'],
    });
    taskRuns.forEach(t => server.put('taskruns', t));
    await new Promise(r => setTimeout(r, 100));
    expect(sink.runs.size).toBe(0);
    server.put('pipelineruns', pipelineRun);
    await waitFor(
      () => sink.runs.get('uid-late')?.tasks.length === 3,
      'the parent with 3 tasks',
    );
  });

  it('keeps runs the cluster deletes', async () => {
    put({ name: 'pruned' });
    const sink = new MemorySink();
    await startIngestor(sink);
    await waitFor(() => sink.runs.size === 1, 'the run');
    server.remove('pipelineruns', 'ci', 'pruned');
    await new Promise(r => setTimeout(r, 100));
    expect(sink.runs.has('uid-pruned')).toBe(true);
  });

  it('resumes after dropped watches, 410 Gone and API errors, ending with every run once in its latest state', async () => {
    put({ name: 'r1', outcome: 'running' });
    const sink = new MemorySink();
    await startIngestor(sink);
    await waitFor(() => sink.runs.size === 1, 'r1');

    server.dropWatches();
    put({ name: 'r1', outcome: 'succeeded' });
    put({ name: 'r2', outcome: 'running', minute: 1 });
    await waitFor(
      () => sink.statusOf('uid-r1') === 'succeeded' && sink.runs.size === 2,
      'changes after a drop',
    );

    server.compact();
    server.dropWatches();
    put({ name: 'r2', outcome: 'failed', minute: 1 });
    await waitFor(
      () => sink.statusOf('uid-r2') === 'failed',
      'changes after 410',
    );

    server.failNextRequests(4, 500);
    server.dropWatches();
    put({ name: 'r3', outcome: 'succeeded', minute: 2 });
    await waitFor(() => sink.runs.size === 3, 'changes after 500s', 10_000);

    sink.failNext = 1;
    put({ name: 'r3', outcome: 'failed', minute: 2 });
    await waitFor(
      () => sink.statusOf('uid-r3') === 'failed',
      'a write retried after the sink failed',
      5000,
    );

    expect([...sink.runs.keys()].sort()).toEqual([
      'uid-r1',
      'uid-r2',
      'uid-r3',
    ]);
    expect(
      server.requests.some(r => r.query.watch && r.query.resourceVersion),
    ).toBe(true);
  });

  it('starts against an unreachable cluster and catches up once it answers', async () => {
    put({ name: 'early' });
    await server.stop();
    const sink = new MemorySink();
    await startIngestor(sink);
    await new Promise(r => setTimeout(r, 150));
    expect(sink.runs.size).toBe(0);
    await server.restart();
    await waitFor(
      () => sink.runs.size === 1,
      'the run after the cluster came back',
      10_000,
    );
  });

  it('reads only the configured namespaces and answers a full resync', async () => {
    put({ name: 'mine', namespace: 'payments' });
    put({ name: 'theirs', namespace: 'other' });
    const sink = new MemorySink();
    await startIngestor(sink, ['payments']);
    await waitFor(() => sink.runs.size === 1, 'the payments run');
    expect(await ingestor!.resync()).toBe(1);
    expect([...sink.runs.keys()]).toEqual(['uid-mine']);
  });

  it('falls back to v1beta1 on clusters that do not serve v1', async () => {
    await server.close();
    server = await FakeKubeApiServer.start({ servedVersions: ['v1beta1'] });
    put({ name: 'old' });
    const sink = new MemorySink();
    await startIngestor(sink);
    await waitFor(() => sink.runs.size === 1, 'the v1beta1 run');
    expect(ingestor!.version).toBe('v1beta1');
  });

  it('resync honours the abort signal: the slow list is cancelled and nothing is written', async () => {
    put({ name: 'slow' });
    const sink = new MemorySink();
    ingestor = new TektonClusterIngestor({
      cluster: { name: 'fake', url: server.url, skipTLSVerify: true },
      kubeConfig: server.kubeConfig(),
      sink,
      logger: mockServices.logger.mock(),
    });
    const lists = server.trackRequests(/\/(taskruns|pipelineruns)$/, 2_000);
    const controller = new AbortController();
    const started = Date.now();
    const resync = ingestor.resync(controller.signal);
    await waitFor(() => lists.count === 1, 'the list to be asked for', 1000);
    controller.abort();
    await expect(resync).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(sink.writes).toBe(0);
    expect(lists.count).toBe(1);
    await expect(ingestor.resync(controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(lists.count).toBe(1);
  });

  it('gives up on a list that takes longer than the request timeout', async () => {
    put({ name: 'slow' });
    const sink = new MemorySink();
    ingestor = new TektonClusterIngestor({
      cluster: { name: 'fake', url: server.url, skipTLSVerify: true },
      kubeConfig: server.kubeConfig(),
      sink,
      logger: mockServices.logger.mock(),
      requestTimeoutMs: 200,
    });
    server.trackRequests(/\/taskruns$/, 2_000);
    const started = Date.now();
    await expect(ingestor.resync()).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(sink.writes).toBe(0);
  });

  it('writes the changes still pending when it is stopped', async () => {
    put({ name: 'last-words', outcome: 'succeeded' });
    const sink = new MemorySink();
    ingestor = new TektonClusterIngestor({
      cluster: { name: 'fake', url: server.url, skipTLSVerify: true },
      kubeConfig: server.kubeConfig(),
      sink,
      logger: mockServices.logger.mock(),
      // nothing would be written for a minute
      flushDelayMs: 60_000,
    });
    await ingestor.start();
    // each informer lists (and hands over what it listed) before it watches
    await waitFor(
      () => server.requests.filter(r => r.query.watch === 'true').length === 2,
      'both watches',
    );
    expect(sink.runs.size).toBe(0);

    await ingestor.stop();
    expect(sink.statusOf('uid-last-words')).toBe('succeeded');
    expect(sink.runs.get('uid-last-words')!.tasks).toHaveLength(2);
    ingestor = undefined;
  });

  it('holds only unfinished runs once the finished ones are written, and tags records with resourceVersions', async () => {
    for (let i = 0; i < 30; i++) {
      put({ name: `done-${i}`, minute: i % 60 });
    }
    put({ name: 'busy', outcome: 'running' });
    const sink = new MemorySink();
    await startIngestor(sink);
    await waitFor(() => sink.runs.size === 31, 'every run');
    await waitFor(
      () => ingestor!.held().pipelineRuns === 1,
      'the finished runs forgotten',
    );
    expect(ingestor!.held()).toEqual({
      pipelineRuns: 1,
      taskRuns: 2,
      waiting: 0,
    });
    const busy = sink.runs.get('uid-busy')!;
    expect(busy.sourceVersion).toBe(
      server.get('pipelineruns', 'ci', 'busy')!.metadata.resourceVersion,
    );
    expect(busy.taskSourceVersions).toEqual({
      'busy-build': server.get('taskruns', 'ci', 'busy-build')!.metadata
        .resourceVersion,
      'busy-test': server.get('taskruns', 'ci', 'busy-test')!.metadata
        .resourceVersion,
    });

    // a forgotten run that changes again is written with its tasks (from the informer cache)
    const { pipelineRun } = pipelineRunWithTasks({ name: 'done-3', minute: 3 });
    server.put('pipelineruns', {
      ...pipelineRun,
      metadata: {
        ...pipelineRun.metadata,
        annotations: { 'chains.tekton.dev/signed': 'true' },
      },
    });
    await waitFor(
      () => sink.runs.get('uid-done-3')?.signed === true,
      'the signed run',
    );
    expect(sink.runs.get('uid-done-3')!.tasks).toHaveLength(2);
    await waitFor(() => ingestor!.held().pipelineRuns === 1, 'forgotten again');
  });
});
