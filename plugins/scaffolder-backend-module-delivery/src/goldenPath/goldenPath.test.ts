import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { dryRunTemplate } from '../__testUtils__/dryRunTemplate';
import {
  goldenUsers,
  PRODUCTION_ACCURACY,
} from '../__testUtils__/goldenPath/goldenCatalog';
import { startGoldenPortal } from '../__testUtils__/goldenPath/goldenPortal';

/*
 * THE golden path, end to end: "Create ML project" (the ml-project template through the
 * scaffolder's dry-run API) → its generated delivery pipeline run by an executor with Tekton's
 * semantics (Slipway's upload and approval Tasks run for real against the backend) → dev and
 * staging deployed by the run's deploy tasks → production waits for approval, its metric, soak
 * and security gates evaluated from the run's own results → an owner and a release manager
 * approve through the API → production deploys → all three lanes run the revision → DORA counts
 * one production deployment with the commits' lead times. And a revision whose validation
 * accuracy passes the project's own check but not production's gate: its request is blocked
 * and says why.
 */

jest.setTimeout(240_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const E = '/api/delivery/entities/component/default/churn-model';
const GOOD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const WEAK = 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432';
const ACCURACY: Record<string, number> = { [GOOD]: 0.93, [WEAK]: 0.87 };

const as = (user: string) => mockCredentials.user.header(user);

/** Each run's and TaskRun's condition in the cluster, for a failure message. */
function describeCluster(
  kube: Awaited<ReturnType<typeof startGoldenPortal>>['kube'],
): string {
  return ['pipelineruns', 'taskruns']
    .flatMap(kind => kube.list(kind))
    .map(o => {
      const status = o.status as
        | { conditions?: Array<{ status: string; reason: string }> }
        | undefined;
      const c = status?.conditions?.[0];
      return `${o.kind} ${o.metadata.name}: ${c?.status ?? '-'} ${
        c?.reason ?? ''
      }`;
    })
    .join('\n');
}

/** Polls `probe` until it answers, or fails naming `what` and the cluster's state. */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  explain: () => string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}; the cluster:\n${explain()}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

let files: Map<string, string>;
beforeAll(async () => {
  const run = await dryRunTemplate(
    'ml-project',
    {
      owner: 'group:default/ml-team',
      imageRepository: 'registry.example.com/ml/churn-model',
      repoUrl: 'github.com?owner=example&repo=churn-model',
      webhookSecret: '******',
      name: 'churn-model',
      description: 'Predicts churn',
      threshold: 0.85,
    },
    { webhookSecret: 'not-a-real-secret' },
  );
  files = run.files;
});

describe.each(databases.eachSupportedId())(
  'the golden path on %p',
  databaseId => {
    let portal: Awaited<ReturnType<typeof startGoldenPortal>>;
    beforeAll(async () => {
      portal = await startGoldenPortal(
        await databases.init(databaseId),
        files,
        revision => ACCURACY[revision],
      );
    });
    afterAll(async () => portal?.stop());
    const wait = <T>(
      what: string,
      probe: () => Promise<T | undefined | false>,
    ) => until(what, probe, () => describeCluster(portal.kube));

    const get = async (path: string, user = goldenUsers.ada) => {
      const res = await request(portal.backend.server)
        .get(`/api/delivery${path}`)
        .set('Authorization', as(user));
      if (res.status !== 200) {
        throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
      }
      return res.body;
    };
    const lanes = async () => {
      const view = await get(`${E.replace('/api/delivery', '')}/environments`);
      return Object.fromEntries(
        view.environments.map((l: { name: string }) => [l.name, l]),
      );
    };
    const pendingProduction = (revision: string) =>
      wait(`the production request for ${revision}`, async () => {
        const page = await get(
          '/approvals?state=pending&entityRef=component:default/churn-model&environment=production',
        );
        return page.items.find(
          (r: { revision: string }) => r.revision === revision,
        );
      });
    const decide = (id: string, user: string) =>
      request(portal.backend.server)
        .post(`/api/delivery/approvals/${id}/decisions`)
        .set('Authorization', as(user))
        .send({ decision: 'approve', comment: 'Checked the evaluation' });
    const runState = (name: string) =>
      portal.kube.get('pipelineruns', 'churn-model-ci', name) as {
        status?: { conditions?: Array<{ type: string; status: string }> };
      };
    const finished = (name: string) =>
      runState(name).status?.conditions?.find(c => c.type === 'Succeeded')
        ?.status;

    it('takes a pushed revision through dev and staging to an approved production deployment', async () => {
      const run = portal.push(GOOD, 'carol@example.com');

      // dev and staging are deployed by the run's own deploy tasks
      const staged = await wait(
        'dev and staging to run the revision',
        async () => {
          const l = await lanes();
          return l.dev.current?.revision === GOOD &&
            l.staging.current?.revision === GOOD
            ? l
            : undefined;
        },
      );
      expect(staged.production.current).toBeUndefined();
      expect(staged.dev.current.runUid).toBe(run.metadata.uid);

      // production waits: the pipeline's approval Task asked, carol (who pushed) is excluded
      const asked = await pendingProduction(GOOD);
      expect(asked).toMatchObject({
        runUid: run.metadata.uid,
        excluded: [goldenUsers.carol],
      });
      expect(finished(run.metadata.name)).toBe('Unknown');
      const gates = (await get(`/approvals/${asked.id}`)).gates;
      expect(gates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'metric',
            name: `accuracy >= ${PRODUCTION_ACCURACY}`,
            passed: true,
          }),
          expect.objectContaining({
            kind: 'security',
            passed: true,
            // the run's own three uploads
            scans: expect.arrayContaining([
              expect.objectContaining({
                tool: 'trivy-image',
                runUid: run.metadata.uid,
              }),
            ]),
          }),
          expect.objectContaining({ kind: 'soak' }),
        ]),
      );
      // the soak (2 s in staging, counted from the staging deploy task) passes, then people decide
      const ready = await wait('the soak gate to pass', async () => {
        const now = await get(`/approvals/${asked.id}`);
        return now.gates.every((g: { passed: boolean }) => g.passed) && now;
      });
      expect(ready.state).toBe('pending');
      await decide(asked.id, goldenUsers.carol).expect(403);
      await decide(asked.id, goldenUsers.ada).expect(201);
      const approved = await decide(asked.id, goldenUsers.bruno).expect(201);
      expect(approved.body.state).toBe('approved');
      // the pipeline that waited goes on: Slipway starts no deploy run of its own
      expect(approved.body.deployRun).toBeUndefined();

      await wait(
        'the run to finish',
        async () => finished(run.metadata.name) !== 'Unknown',
      );
      expect(finished(run.metadata.name)).toBe('True');
      const deployed = await wait(
        'production to run the revision',
        async () => {
          const l = await lanes();
          return l.production.current?.revision === GOOD ? l : undefined;
        },
      );
      for (const env of ['dev', 'staging', 'production']) {
        expect(deployed[env].current).toMatchObject({
          revision: GOOD,
          runUid: run.metadata.uid,
        });
      }
      expect(deployed.production.current.deploymentId).toBe(
        `run:${run.metadata.uid}#deploy-production`,
      );

      // DORA: the pushed commits, then one production deployment with their lead times
      const authored = new Date(Date.now() - 3 * 3_600_000).toISOString();
      await request(portal.backend.server)
        .post('/api/delivery/events/changes')
        .set('Authorization', mockCredentials.service.header())
        .send([
          {
            sha: GOOD,
            entityRef: 'component:default/churn-model',
            authoredAt: authored,
            deploymentId: deployed.production.current.deploymentId,
          },
          {
            sha: 'b'.repeat(40),
            entityRef: 'component:default/churn-model',
            authoredAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
            deploymentId: deployed.production.current.deploymentId,
          },
        ])
        .expect(200);
      const dora = await get(`${E.replace('/api/delivery', '')}/dora`);
      expect(dora.deploymentCount).toBe(1);
      expect(dora.drillDown.deployments).toEqual([
        deployed.production.current.deploymentId,
      ]);
      expect(dora.leadTimeSampleCount).toBe(2);
      // median of ~3 h and ~5 h
      expect(dora.leadTimeMedianSeconds).toBeGreaterThan(4 * 3600 - 120);
      expect(dora.leadTimeMedianSeconds).toBeLessThan(4 * 3600 + 300);
    });

    it('blocks a revision whose accuracy passes validation but not the production gate, saying why', async () => {
      const run = portal.push(WEAK, 'carol@example.com');
      const asked = await pendingProduction(WEAK);
      const metric = (await get(`/approvals/${asked.id}`)).gates.find(
        (g: { kind: string }) => g.kind === 'metric',
      );
      expect(metric).toMatchObject({
        name: `accuracy >= ${PRODUCTION_ACCURACY}`,
        passed: false,
      });
      expect(metric.detail).toContain('0.87');
      await wait(
        'the soak gate',
        async () =>
          (
            await get(`/approvals/${asked.id}`)
          ).gates.find((g: { kind: string }) => g.kind === 'soak').passed,
      );
      const refused = await decide(asked.id, goldenUsers.ada).expect(409);
      expect(refused.body.error.message).toContain(
        `Cannot approve while gates fail: accuracy >= ${PRODUCTION_ACCURACY}`,
      );
      expect(finished(run.metadata.name)).toBe('Unknown');
      expect((await lanes()).production.current.revision).toBe(GOOD);
    });
  },
);
