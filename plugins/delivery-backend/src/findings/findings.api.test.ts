import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { gzipSync } from 'zlib';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(60_000);

const sarif = fs.readFileSync(
  path.join(__dirname, '__fixtures__/small.sarif.json'),
  'utf8',
);
const base = '/api/delivery/entities/component/default/payments-api';
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

async function start(permission: 'ALLOW' | 'DENY' = 'ALLOW') {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      mockServices.rootConfig.factory({
        data: { delivery: { findings: { maxUploadBytes: 20_000 } } },
      }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'payments-api',
              namespace: 'default',
              annotations: { 'slipway.dev/security-gate-fail-on-open': 'high' },
            },
            spec: { owner: 'payments-team' },
            relations: [
              { type: 'ownedBy', targetRef: 'group:default/payments-team' },
            ],
          },
        ],
      }),
    ],
  });
  return server;
}

const upload = (
  server: Parameters<typeof request>[0],
  body: string | Buffer,
  query = '?runUid=run-1',
) =>
  request(server)
    .post(`${base}/findings${query}`)
    .set('Authorization', service)
    .set(
      'Content-Type',
      Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json',
    )
    .send(body);

const count = async (server: Parameters<typeof request>[0]) =>
  (
    await request(server)
      .get(`${base}/findings?limit=500`)
      .set('Authorization', user)
  ).body.items.length;

describe('findings API', () => {
  it('stores an upload, answers counts and the gate, then fixes what a later scan no longer reports', async () => {
    const server = await start();
    const first = await upload(server, sarif);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      tool: 'CodeQL',
      complete: true,
      counts: { critical: 1, high: 0, medium: 0, low: 1, info: 0 },
      new: 2,
      fixed: 0,
      gate: { passed: false, reasons: ['1 open critical finding(s)'] },
    });

    const doc = JSON.parse(sarif);
    doc.runs[0].results = doc.runs[0].results.slice(1);
    const second = await upload(
      server,
      gzipSync(Buffer.from(JSON.stringify(doc))),
      '?runUid=run-2',
    );
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      new: 0,
      fixed: 1,
      gate: { passed: true },
    });

    const fixed = await request(server)
      .get(`${base}/findings?status=fixed`)
      .set('Authorization', user);
    expect(fixed.body.items).toEqual([
      expect.objectContaining({
        ruleId: 'js/sql-injection',
        fixedRunUid: 'run-2',
        location: expect.objectContaining({ path: 'src/db.js', startLine: 42 }),
      }),
    ]);
    const gate = await request(server)
      .get(`${base}/security-gate`)
      .set('Authorization', service);
    expect(gate.body).toMatchObject({ passed: true, open: { low: 1 } });
  });

  it('rejects bad reports with a 4xx naming the problem and stores nothing', async () => {
    const server = await start();
    const broken = await upload(server, '{"version": "2.1.0", "runs": [}');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(
      /not valid JSON \(line 1, column 31\)/,
    );
    const unknown = await upload(server, '{"hello": "world"}');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /Unknown report format: expected one of sarif/,
    );
    const empty = await upload(server, '');
    expect(empty.status).toBe(400);
    const big = await upload(
      server,
      JSON.stringify({ version: '2.1.0', runs: [], pad: 'x'.repeat(30_000) }),
    );
    expect(big.status).toBe(413);
    const noEntity = await request(server)
      .post('/api/delivery/entities/component/default/nope/findings')
      .set('Authorization', service)
      .set('Content-Type', 'application/json')
      .send(sarif);
    expect(noEntity.status).toBe(404);
    const badQuery = await upload(server, sarif, '?colour=red');
    expect(badQuery.status).toBe(400);
    expect(await count(server)).toBe(0);
  });

  it('suppresses with a reason and an expiry, as a user with the permission only', async () => {
    const server = await start();
    await upload(server, sarif);
    const [critical] = (
      await request(server)
        .get(`${base}/findings?severity=critical`)
        .set('Authorization', user)
    ).body.items;
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();

    const missing = await request(server)
      .post(`/api/delivery/findings/${critical.id}/suppress`)
      .set('Authorization', user)
      .send({ reason: 'risk_accepted', comment: 'ok' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('expiresAt');
    const past = await request(server)
      .post(`/api/delivery/findings/${critical.id}/suppress`)
      .set('Authorization', user)
      .send({
        reason: 'risk_accepted',
        comment: 'not reachable',
        expiresAt: '2020-01-01T00:00:00Z',
      });
    expect(past.status).toBe(400);
    const byService = await request(server)
      .post(`/api/delivery/findings/${critical.id}/suppress`)
      .set('Authorization', service)
      .send({ reason: 'risk_accepted', comment: 'x', expiresAt });
    expect(byService.status).toBe(403);

    const ok = await request(server)
      .post(`/api/delivery/findings/${critical.id}/suppress`)
      .set('Authorization', user)
      .send({
        reason: 'risk_accepted',
        comment: 'input is validated upstream',
        expiresAt,
      });
    expect(ok.status).toBe(201);
    expect(ok.body.suppression).toMatchObject({
      source: 'user',
      reason: 'risk_accepted',
      author: mockCredentials.user().principal.userEntityRef,
    });
    const gate = await request(server)
      .get(`${base}/security-gate`)
      .set('Authorization', user);
    expect(gate.body.passed).toBe(true);

    const undo = await request(server)
      .post(`/api/delivery/findings/${critical.id}/unsuppress`)
      .set('Authorization', user);
    expect(undo.status).toBe(200);
    expect(undo.body.suppression).toBeUndefined();
  });

  it('refuses uploads and suppressions when the policy denies them', async () => {
    const server = await start('DENY');
    expect((await upload(server, sarif)).status).toBe(403);
  });

  it('answers the trend of open findings and the posture by team', async () => {
    const server = await start();
    await upload(server, sarif);
    const trend = await request(server)
      .get(`${base}/findings-trend?days=7`)
      .set('Authorization', user);
    expect(trend.status).toBe(200);
    expect(trend.body.points).toHaveLength(7);
    expect(trend.body.points[6].open).toEqual({
      critical: 1,
      high: 0,
      medium: 0,
      low: 1,
      info: 0,
    });
    expect(trend.body.points[0].open.critical).toBe(0);

    const posture = await request(server)
      .get('/api/delivery/security/posture')
      .set('Authorization', user);
    expect(posture.body.teams).toEqual([
      {
        owner: 'group:default/payments-team',
        entities: ['component:default/payments-api'],
        open: { critical: 1, high: 0, medium: 0, low: 1, info: 0 },
        overdue: 0,
        openSecrets: 0,
      },
    ]);
    const none = await request(server)
      .get('/api/delivery/security/posture?owner=group:default/ml-team')
      .set('Authorization', user);
    expect(none.body.teams).toEqual([]);
  });
});
