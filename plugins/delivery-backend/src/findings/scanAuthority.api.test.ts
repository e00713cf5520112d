import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import request from 'supertest';
import { startApprovalBackend } from '../approvals/__testUtils__/approvalBackend';
import { users } from '../approvals/__testUtils__/approvalCatalog';
import { makeRun } from '../database/testRuns';

/*
 * H2 (security gate): a clean report clears findings, and so the gate, only when it is linked to
 * a run of the entity or an owner uploaded it; a report naming another entity's run is refused;
 * the gate, and a promotion's security gate, list the scans their verdict rests on.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const as = (user: string) => mockCredentials.user.header(user);
const pipeline = mockCredentials.service.header();
const E = '/api/delivery/entities/component/default/payments-api';

// the fixture reports one critical finding; the same run without results is a clean scan
const report = readFileSync(
  resolve(__dirname, '__fixtures__/small.sarif.json'),
  'utf8',
);
const clean = (() => {
  const doc = JSON.parse(report);
  doc.runs[0].results = [];
  return JSON.stringify(doc);
})();

describe.each(databases.eachSupportedId())(
  'scan authority on %p',
  databaseId => {
    let started: Awaited<ReturnType<typeof startApprovalBackend>>;
    beforeAll(async () => {
      started = await startApprovalBackend(await databases.init(databaseId), {
        runs: [
          makeRun({
            uid: 'pay-1',
            entityRef: 'component:default/payments-api',
          }),
          makeRun({
            uid: 'fraud-1',
            entityRef: 'component:default/fraud-model',
          }),
        ],
      });
    });

    const upload = (auth: string, body: string, query = '') =>
      request(started.server)
        .post(`${E}/findings?tool=semgrep${query}`)
        .set('Authorization', auth)
        .set('Content-Type', 'application/json')
        .send(body);
    const gate = async () =>
      (
        await request(started.server)
          .get(`${E}/security-gate`)
          .set('Authorization', as(users.eve))
          .expect(200)
      ).body;

    it('lets only scans of the entity or its owners close findings', async () => {
      const found = await upload(as(users.ada), report).expect(201);
      expect(found.body).toMatchObject({ new: 2, fixed: 0 });
      expect((await gate()).passed).toBe(false);

      // eve owns nothing here: her clean report adds nothing and closes nothing
      const forged = await upload(as(users.eve), clean).expect(201);
      expect(forged.body).toMatchObject({ complete: true, fixed: 0 });
      expect(forged.body.notClosingReason).toBe(
        'the scan is linked to no run of component:default/payments-api and was not uploaded by one of its owners, so no finding was marked fixed',
      );
      // a run of another entity cannot vouch for this one; nothing is stored
      const other = await upload(pipeline, clean, '&runUid=fraud-1').expect(
        400,
      );
      expect(other.body.error.message).toBe(
        "Run 'fraud-1' is a run of component:default/fraud-model, not of component:default/payments-api: its scans cannot change component:default/payments-api's findings",
      );
      const blocked = await gate();
      expect(blocked.passed).toBe(false);
      expect(blocked.scans).toEqual([
        expect.objectContaining({ tool: 'semgrep', uploadedBy: users.ada }),
      ]);

      // the entity's own run's scan closes it
      const own = await upload(pipeline, clean, '&runUid=pay-1').expect(201);
      expect(own.body).toMatchObject({ fixed: 2, gate: { passed: true } });
      expect(own.body.notClosingReason).toBeUndefined();
      const passed = await gate();
      expect(passed.passed).toBe(true);
      expect(passed.scans).toEqual([
        {
          id: own.body.scanId,
          tool: 'semgrep',
          runUid: 'pay-1',
          uploadedBy: expect.stringMatching(/^service:/),
          receivedAt: expect.any(String),
        },
      ]);

      // the production promotion's security gate says which scans it relied on
      const promotion = await request(started.server)
        .post('/api/delivery/approvals')
        .set('Authorization', pipeline)
        .send({
          entityRef: 'component:default/payments-api',
          environment: 'production',
          revision: 'a'.repeat(40),
        })
        .expect(201);
      expect(
        promotion.body.gates.find(
          (g: { kind: string }) => g.kind === 'security',
        ),
      ).toMatchObject({
        passed: true,
        scans: [
          expect.objectContaining({ id: own.body.scanId, runUid: 'pay-1' }),
        ],
      });
    });
  },
);
