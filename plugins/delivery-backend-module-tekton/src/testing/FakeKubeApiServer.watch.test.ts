import { CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { FakeKubeApiServer } from './FakeKubeApiServer';
import { TestInformer, kubeConfigFor, run, startInformer } from './testKube';
import { waitFor } from './waitFor';

const plural = 'pipelineruns';
const path = '/apis/tekton.dev/v1/namespaces/ci/pipelineruns';

interface RawWatch {
  events: Array<{
    type: string;
    name?: string;
    rv?: string;
    object: Record<string, unknown>;
  }>;
  done: { err: unknown } | undefined;
  abort(): void;
}

describe('FakeKubeApiServer (watches and faults)', () => {
  let server: FakeKubeApiServer;
  let kc: KubeConfig;
  const informers: TestInformer[] = [];
  const rawWatches: RawWatch[] = [];

  const informer = async (
    options: Parameters<typeof startInformer>[1] = {},
  ) => {
    const started = await startInformer(kc, { namespace: 'ci', ...options });
    informers.push(started);
    return started;
  };

  const rawWatch = async (params: Record<string, string>) => {
    const result: RawWatch = {
      events: [],
      done: undefined,
      abort: () => undefined,
    };
    const controller = await new Watch(kc).watch(
      path,
      params,
      (type, object) =>
        result.events.push({
          type,
          name: object.metadata?.name,
          rv: object.metadata?.resourceVersion,
          object,
        }),
      err => {
        result.done = { err };
      },
    );
    result.abort = () => controller.abort();
    rawWatches.push(result);
    return result;
  };

  beforeEach(async () => {
    server = await FakeKubeApiServer.start();
    kc = kubeConfigFor(server.url, server.token);
  });

  afterEach(async () => {
    await Promise.all(informers.splice(0).map(i => i.stop()));
    rawWatches.splice(0).forEach(w => w.abort());
    await server.close();
  });

  it('feeds an informer adds, updates and deletes, honouring its label selector', async () => {
    server.put(plural, run('ci', 'pr-1', { app: 'web' }));
    server.put(plural, run('ci', 'other', { app: 'api' }));
    server.put(plural, run('elsewhere', 'pr-x', { app: 'web' }));
    const inf = await informer({ labelSelector: 'app=web' });
    await waitFor(() => inf.names().length === 1, 'initial list');
    expect(inf.names()).toEqual(['ci/pr-1']);

    server.put(plural, run('ci', 'pr-2', { app: 'web' }));
    server.put(
      plural,
      run('ci', 'pr-1', { app: 'web' }, { status: { phase: 'Done' } }),
    );
    server.put(plural, run('ci', 'other', { app: 'web' })); // starts matching: ADDED
    server.put(plural, run('ci', 'pr-2', { app: 'api' })); // stops matching: DELETED
    server.put('taskruns', run('ci', 'task', { app: 'web' }));
    await waitFor(() => inf.events.length === 5, 'watch events');
    expect(inf.events).toEqual([
      'add ci/pr-1',
      'add ci/pr-2',
      'update ci/pr-1',
      'add ci/other',
      'delete ci/pr-2',
    ]);
    expect(inf.names()).toEqual(['ci/other', 'ci/pr-1']);
    expect(server.openWatchCount()).toBe(1);
    const watchRequest = server.requests.find(r => r.query.watch === 'true');
    expect(watchRequest?.query).toMatchObject({
      labelSelector: 'app=web',
      resourceVersion: expect.stringMatching(/^\d+$/),
    });
  });

  it('resumes a watch from a resourceVersion with only the later events', async () => {
    server.put(plural, run('ci', 'a'));
    server.put(plural, run('ci', 'b'));
    const since = server.resourceVersion();
    server.put(plural, run('ci', 'c'));
    server.put(plural, run('ci', 'a', {}, { spec: { x: 1 } }));
    server.remove(plural, 'ci', 'b');

    const resumed = await rawWatch({ resourceVersion: since });
    await waitFor(() => resumed.events.length === 3, 'replayed events');
    expect(resumed.events.map(e => `${e.type} ${e.name}`)).toEqual([
      'ADDED c',
      'MODIFIED a',
      'DELETED b',
    ]);
    const rvs = resumed.events.map(e => Number(e.rv));
    expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
    expect(rvs[0]).toBeGreaterThan(Number(since));
    expect(resumed.events[0].object).toMatchObject({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
    });

    server.put(plural, run('ci', 'd'));
    await waitFor(() => resumed.events.length === 4, 'live event');
    expect(resumed.events[3]).toMatchObject({ type: 'ADDED', name: 'd' });

    const fresh = await rawWatch({ resourceVersion: '' });
    await waitFor(() => fresh.events.length === 3, 'snapshot');
    expect(fresh.events.map(e => `${e.type} ${e.name}`)).toEqual([
      'ADDED a',
      'ADDED c',
      'ADDED d',
    ]);
  });

  it('ends a watch cleanly after timeoutSeconds', async () => {
    const timed = await rawWatch({
      resourceVersion: server.resourceVersion(),
      timeoutSeconds: '1',
    });
    expect(server.openWatchCount()).toBe(1);
    await waitFor(() => timed.done, 'server-side end');
    expect(timed.done).toEqual({ err: null });
    expect(server.openWatchCount()).toBe(0);
  });

  it('answers 410 Expired after compact() and the informer relists', async () => {
    server.put(plural, run('ci', 'a'));
    server.put(plural, run('ci', 'b'));
    const inf = await informer();
    await waitFor(
      () => inf.names().length === 2 && server.openWatchCount() === 1,
      'sync',
    );
    const oldRv = server.resourceVersion();
    const requestsBefore = server.requests.length;

    server.dropWatches(); // the informer errors and (like production code) restarts
    server.remove(plural, 'ci', 'a');
    server.put(plural, run('ci', 'b', {}, { spec: { x: 1 } }));
    server.put(plural, run('ci', 'c'));
    server.compact();

    await waitFor(
      () => inf.names().join() === 'ci/b,ci/c' && server.openWatchCount() === 1,
      'relisted state and a new watch',
    );
    expect(inf.events.slice(2).sort()).toEqual([
      'add ci/c',
      'delete ci/a',
      'update ci/b',
    ]);
    const after = server.requests
      .slice(requestsBefore)
      .map(r =>
        r.query.watch ? `watch rv=${r.query.resourceVersion}` : 'list',
      );
    expect(after.slice(0, 3)).toEqual([
      `watch rv=${oldRv}`,
      'list',
      `watch rv=${server.resourceVersion()}`,
    ]);

    const expired = await rawWatch({ resourceVersion: oldRv });
    await waitFor(() => expired.done, 'expired watch to end');
    expect(expired.events).toEqual([
      {
        type: 'ERROR',
        name: undefined,
        rv: undefined,
        object: expect.objectContaining({
          kind: 'Status',
          status: 'Failure',
          code: 410,
          reason: 'Expired',
          message: `too old resource version: ${oldRv} (${server.resourceVersion()})`,
        }),
      },
    ]);
  });

  it('dropWatches() breaks connections; a restarting informer sees later changes', async () => {
    const inf = await informer();
    await waitFor(() => server.openWatchCount() === 1, 'watch open');
    server.dropWatches();
    expect(server.openWatchCount()).toBe(0);
    await waitFor(() => inf.errors.length === 1, 'informer error');
    await waitFor(() => server.openWatchCount() === 1, 'watch reopened');
    server.put(plural, run('ci', 'late'));
    await waitFor(() => inf.names().includes('ci/late'), 'late object');
    expect(inf.events).toEqual(['add ci/late']);
  });

  it('endWatches() ends streams cleanly and the informer reconnects by itself', async () => {
    const inf = await informer({ restartOnError: false });
    await waitFor(() => server.openWatchCount() === 1, 'watch open');
    server.endWatches();
    await waitFor(
      () => inf.connects === 2 && server.openWatchCount() === 1,
      'reconnect',
    );
    server.put(plural, run('ci', 'late'));
    await waitFor(() => inf.names().includes('ci/late'), 'late object');
    expect(inf.errors).toEqual([]);
  });

  it('lets an informer recover from failNextRequests(3)', async () => {
    server.put(plural, run('ci', 'a'));
    server.failNextRequests(3);
    const inf = await informer();
    await waitFor(() => inf.names().length === 1, 'list after retries');
    expect(inf.errors).toHaveLength(3);
    expect(inf.errors[0]).toMatchObject({ code: 500 });
  });

  it('stop() makes the cluster unreachable and restart() brings it back on the same port', async () => {
    const url = server.url;
    const api = kc.makeApiClient(CustomObjectsApi);
    const inf = await informer();
    await waitFor(() => server.openWatchCount() === 1, 'watch open');

    await server.stop();
    expect(server.openWatchCount()).toBe(0);
    await expect(
      api.listClusterCustomObject({
        group: 'tekton.dev',
        version: 'v1',
        plural,
      }),
    ).rejects.toThrow();
    server.put(plural, run('ci', 'while-down'));
    await waitFor(() => inf.errors.length >= 2, 'failed reconnects');

    await server.restart();
    expect(server.url).toBe(url);
    await waitFor(
      () => inf.names().includes('ci/while-down'),
      'object created while down',
    );
    const list = await api.listClusterCustomObject({
      group: 'tekton.dev',
      version: 'v1',
      plural,
    });
    expect(list.items).toHaveLength(1);
  });
});
