import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { FakeKubeApiServer, TektonPlural, waitFor } from '../testing';
import {
  getEntityRun,
  ListedRun,
  listEntityRuns,
  startTestPortal,
} from './__testUtils__/testPortal';

/*
 * The real upstream Tekton objects of ../shared/fixtures/tekton, served by the local
 * Kubernetes-protocol server and labelled for payments-api, read back through the portal's runs
 * API. Expected values come from reading each file (see the mapper tests in src/tekton for the
 * per-field derivations): `hello` succeeded in 32 s; `pipelinerun-build` succeeded in 15 s;
 * `demo-pipeline-run-6` failed after 172 s with 3 TaskRuns (1 succeeded, 2 failed by kaniko);
 * `release-zm5v8` is Running in snapshots 1–4 and Succeeded in 5; the finally test block has no
 * top-level condition but a start time and unfinished children, so it is running.
 */

jest.setTimeout(120_000);

const dir = path.resolve(__dirname, '../../../../../shared/fixtures/tekton');
const present = fs.existsSync(dir);
if (!present) {
  console.info(
    `Shared Tekton fixtures are absent (${dir}); skipping the portal fixture test.`,
  );
}
const describeFixtures = present ? describe : describe.skip;
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

type Obj = {
  metadata?: Record<string, unknown> & { labels?: Record<string, string> };
};

function read(file: string): Obj[] {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  if (file.endsWith('.json')) {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return parseAllDocuments(text)
    .map(d => d.toJS() as Obj)
    .filter(Boolean);
}

/** Puts an object in a namespace, labelled for payments-api when it is a PipelineRun. */
function put(
  kube: FakeKubeApiServer,
  plural: TektonPlural,
  obj: Obj,
  namespace: string,
) {
  const labels = { ...(obj.metadata?.labels ?? {}) };
  if (plural === 'pipelineruns')
    labels['backstage.io/kubernetes-id'] = 'payments-api';
  kube.put(plural, {
    ...obj,
    metadata: { ...obj.metadata, namespace, labels },
  });
}

describeFixtures('shared Tekton fixtures through the portal', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let kube: FakeKubeApiServer;
    afterEach(async () => kube?.close());

    it('lists every fixture run with the status, duration and tasks read from its file', async () => {
      kube = await FakeKubeApiServer.start();
      put(
        kube,
        'pipelineruns',
        read('v1-pipelinerun-succeeded-childrefs-managedfields.json')[0],
        'default',
      );
      put(
        kube,
        'pipelineruns',
        read('v1beta1-pipelinerun-taskruns-map-pipelineResults.json')[0],
        'fixtures',
      );
      read('v1beta1-taskrun-list-failed-kaniko.json').forEach(t =>
        put(kube, 'taskruns', t, 'default'),
      );
      put(
        kube,
        'pipelineruns',
        read('v1alpha1-pipelinerun-failed-no-childrefs.json')[0],
        'default',
      );
      put(
        kube,
        'pipelineruns',
        read('v1-pipelinerun-finally-running.testblock.yaml')[0],
        'foo',
      );
      put(
        kube,
        'taskruns',
        read('sequence-release-zm5v8/1-taskrun.yaml')[0],
        'jx',
      );
      put(
        kube,
        'pipelineruns',
        read('sequence-release-zm5v8/1-pipelinerun.yaml')[0],
        'jx',
      );

      const server = await startTestPortal(
        kube,
        await databases.init(databaseId),
      );
      const byName = async () => {
        const runs = await listEntityRuns(server);
        return runs.length === 5
          ? new Map(runs.map(r => [r.name, r]))
          : undefined;
      };
      const runs = await waitFor(byName, 'the five fixture runs', 15_000);
      const summary = (r?: ListedRun) => [r?.status, r?.durationSeconds];
      expect(summary(runs.get('hello'))).toEqual(['succeeded', 32]);
      expect(summary(runs.get('pipelinerun-build'))).toEqual(['succeeded', 15]);
      expect(summary(runs.get('demo-pipeline-run-6'))).toEqual(['failed', 172]);
      expect(summary(runs.get('test-pipeline-run-with-timeout'))).toEqual([
        'running',
        undefined,
      ]);
      expect(runs.get('release-zm5v8')?.status).toBe('running');

      const failed = await getEntityRun(
        server,
        runs.get('demo-pipeline-run-6')!.uid,
      );
      expect(failed.tasks.map(t => t.status).sort()).toEqual([
        'failed',
        'failed',
        'succeeded',
      ]);

      // Replay the recorded snapshots 2..5 as MODIFIED events.
      for (const i of [2, 3, 4, 5]) {
        put(
          kube,
          'taskruns',
          read(`sequence-release-zm5v8/${i}-taskrun.yaml`)[0],
          'jx',
        );
        put(
          kube,
          'pipelineruns',
          read(`sequence-release-zm5v8/${i}-pipelinerun.yaml`)[0],
          'jx',
        );
      }
      await waitFor(
        async () =>
          (await byName())?.get('release-zm5v8')?.status === 'succeeded',
        'release-zm5v8 to succeed',
        2000,
      );
      const release = await getEntityRun(
        server,
        runs.get('release-zm5v8')!.uid,
      );
      expect(release.tasks.map(t => t.status)).toEqual(['succeeded']);
      expect((await listEntityRuns(server)).length).toBe(5);
    });
  });
});
