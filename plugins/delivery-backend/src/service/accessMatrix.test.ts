import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import request from 'supertest';
import { startTrustBackend } from '../__testUtils__/trustBackend';
import { makeRun } from '../database/testRuns';

/*
 * THE access matrix: every route of the delivery API × every kind of caller, with the status each
 * must get. Callers: pat owns svc-a (group team-a); cory is in team-a-sre, a child group of
 * team-a; olga is in team-b; hugo is a contractor, to whom the catalog policy hides svc-a; two
 * pipeline tokens scoped to svc-a and svc-b; and no credentials. Real catalog, permission
 * backend and Slipway's default portal policy (plugins/permission-backend-module-delivery-policy).
 */

jest.setTimeout(180_000);

type Role =
  | 'owner'
  | 'child'
  | 'other'
  | 'hidden'
  | 'pipe'
  | 'pipeOther'
  | 'none';
const ROLES: Role[] = [
  'owner',
  'child',
  'other',
  'hidden',
  'pipeOther',
  'pipe',
  'none',
];

const header: Record<Role, string> = {
  owner: mockCredentials.user.header('user:default/pat'),
  child: mockCredentials.user.header('user:default/cory'),
  other: mockCredentials.user.header('user:default/olga'),
  hidden: mockCredentials.user.header('user:default/hugo'),
  pipe: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('external:pipeline-svc-a'),
    targetPluginId: 'delivery',
  }),
  pipeOther: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('external:pipeline-svc-b'),
    targetPluginId: 'delivery',
  }),
  none: mockCredentials.none.header(),
};

/** A status, or a status and a text the message must contain. */
type Expect = number | [number, string];
const HIDDEN: Expect = [404, 'No entity component:default/svc-a'];

const READ: Record<Role, Expect> = {
  owner: 200,
  child: 200,
  other: 200,
  hidden: HIDDEN,
  pipe: 200,
  pipeOther: HIDDEN,
  none: 401,
};
const hiddenAs = (message: string): Record<Role, Expect> => ({
  ...READ,
  hidden: [404, message],
  pipeOther: [404, message],
});
/** An action owners (and members of child groups) and the entity's pipeline may take. */
const ACT = (ok: number): Record<Role, Expect> => ({
  owner: ok,
  child: ok,
  other: [403, 'owned by group:default/team-a'],
  hidden: HIDDEN,
  pipe: ok,
  pipeOther: HIDDEN,
  none: 401,
});
/** An action for users only: pipelines are refused before anything else. */
const USER_ACT = (
  ok: Expect,
  hidden: Expect = HIDDEN,
): Record<Role, Expect> => ({
  owner: ok,
  child: ok,
  other: [403, 'owned by group:default/team-a'],
  hidden,
  pipe: 403,
  pipeOther: 403,
  none: 401,
});

const sarif = readFileSync(
  resolve(__dirname, '../findings/__fixtures__/small.sarif.json'),
);
const E = '/api/delivery/entities/component/default/svc-a';

interface Row {
  route: string;
  call: (ids: Ids, role: Role) => request.Test;
  expect: Record<Role, Expect>;
  /** Makes fresh ids before each call (e.g. a new approval request). */
  prepare?: boolean;
}
interface Ids {
  server: any;
  finding: string;
  approval: string;
}

const get = (path: (ids: Ids) => string) => (ids: Ids, role: Role) =>
  request(ids.server).get(path(ids)).set('Authorization', header[role]);
const post =
  (path: (ids: Ids) => string, body: object | Buffer = {}) =>
  (ids: Ids, role: Role) =>
    request(ids.server)
      .post(path(ids))
      .set('Authorization', header[role])
      .send(body as object);

const MATRIX: Row[] = [
  { route: 'GET runs', call: get(() => `${E}/runs`), expect: READ },
  {
    route: 'GET pipeline-stats',
    call: get(() => `${E}/pipeline-stats`),
    expect: READ,
  },
  {
    route: 'GET /runs/:uid',
    call: get(() => '/api/delivery/runs/a1'),
    expect: hiddenAs("No pipeline run with uid 'a1'"),
  },
  {
    route: 'GET logs',
    call: get(() => '/api/delivery/runs/a1/tasks/build/logs'),
    expect: hiddenAs("No pipeline run with uid 'a1'"),
  },
  {
    route: 'POST rerun',
    call: post(() => '/api/delivery/runs/a1/rerun'),
    expect: USER_ACT(201, [404, "No pipeline run with uid 'a1'"]),
  },
  {
    route: 'POST cancel',
    call: post(() => '/api/delivery/runs/a1/cancel'),
    expect: USER_ACT(202, [404, "No pipeline run with uid 'a1'"]),
  },
  { route: 'GET pipelines', call: get(() => `${E}/pipelines`), expect: READ },
  {
    route: 'GET pipeline definition',
    call: get(() => `${E}/pipelines/test/build`),
    expect: READ,
  },
  {
    route: 'POST runs (start)',
    call: post(() => `${E}/runs`, {
      provider: 'test',
      pipelineName: 'build',
      params: { target: 'unit' },
    }),
    expect: USER_ACT(201),
  },
  {
    route: 'POST findings (upload)',
    call: (ids, role) =>
      request(ids.server)
        .post(`${E}/findings?tool=semgrep`)
        .set('Authorization', header[role])
        .set('Content-Type', 'application/octet-stream')
        .send(sarif),
    expect: ACT(201),
  },
  { route: 'GET findings', call: get(() => `${E}/findings`), expect: READ },
  {
    route: 'GET security-gate',
    call: get(() => `${E}/security-gate`),
    expect: READ,
  },
  {
    route: 'GET findings-trend',
    call: get(() => `${E}/findings-trend`),
    expect: READ,
  },
  {
    route: 'GET /findings/:id',
    call: get(ids => `/api/delivery/findings/${ids.finding}`),
    expect: hiddenAs('No finding with id'),
  },
  {
    route: 'POST suppress',
    call: post(ids => `/api/delivery/findings/${ids.finding}/suppress`, {
      reason: 'false_positive',
      comment: 'not reachable',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }),
    expect: USER_ACT(201, [404, 'No finding with id']),
  },
  {
    route: 'POST unsuppress',
    call: post(ids => `/api/delivery/findings/${ids.finding}/unsuppress`),
    expect: USER_ACT(200, [404, 'No finding with id']),
  },
  {
    route: 'POST events/deployments',
    // one deployment per caller: a record is corrected only by the source that recorded it
    call: (ids, role) =>
      request(ids.server)
        .post('/api/delivery/events/deployments')
        .set('Authorization', header[role])
        .send([
          {
            id: `d-${role}`,
            entityRef: 'component:default/svc-a',
            environment: 'production',
            status: 'success',
            finishedAt: '2026-11-30T10:00:00Z',
          },
        ]),
    expect: ACT(200),
  },
  { route: 'GET dora', call: get(() => `${E}/dora`), expect: READ },
  {
    route: 'GET dora/records',
    call: get(() => `${E}/dora/records`),
    expect: READ,
  },
  {
    route: 'GET environments',
    call: get(() => `${E}/environments`),
    expect: READ,
  },
  {
    route: 'POST rollback',
    call: post(() => `${E}/environments/staging/rollback`),
    expect: USER_ACT([404, 'no earlier version']),
  },
  {
    route: 'POST /approvals',
    call: post(() => '/api/delivery/approvals', {
      entityRef: 'component:default/svc-a',
      environment: 'dev',
      revision: 'b'.repeat(40),
    }),
    expect: ACT(201),
  },
  {
    route: 'GET /approvals/:id',
    call: get(ids => `/api/delivery/approvals/${ids.approval}`),
    expect: hiddenAs('No approval request'),
  },
  {
    route: 'POST decisions',
    prepare: true,
    call: post(ids => `/api/delivery/approvals/${ids.approval}/decisions`, {
      decision: 'approve',
      comment: 'ok',
    }),
    expect: { ...USER_ACT(201, [404, 'No approval request']), other: 403 },
  },
  {
    route: 'POST approval cancel',
    prepare: true,
    call: post(ids => `/api/delivery/approvals/${ids.approval}/cancel`),
    // users did not ask (a pipeline did): only the pipeline that asked may cancel
    expect: {
      owner: [403, 'who asked'],
      child: [403, 'who asked'],
      other: 403,
      hidden: [404, 'No approval request'],
      pipe: 200,
      pipeOther: [404, 'No approval request'],
      none: 401,
    },
  },
];

/** Set-up steps throw (outside a test, an expect would not count) naming what went wrong. */
function answered(res: request.Response, status: number, what = 'set-up') {
  if (res.status !== status) {
    throw new Error(
      `The ${what} request answered ${res.status} (${res.body?.error?.message}), expected ${status}`,
    );
  }
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'access matrix on %p',
  databaseId => {
    let ids: Ids;
    const newApproval = async () => {
      const res = await request(ids.server)
        .post('/api/delivery/approvals')
        .set('Authorization', header.pipe)
        .send({
          entityRef: 'component:default/svc-a',
          environment: 'staging',
          revision: 'a'.repeat(40),
        });
      answered(res, 201, 'approval request');
      return res.body.id as string;
    };

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTrustBackend(knex, [
        makeRun({
          uid: 'a1',
          entityRef: 'component:default/svc-a',
          status: 'running',
          tasks: [
            {
              name: 'a1-build',
              pipelineTaskName: 'build',
              status: 'running',
              retries: 0,
              isFinally: false,
            },
          ],
        }),
        makeRun({ uid: 'b1', entityRef: 'component:default/svc-b' }),
      ]);
      ids = { server, finding: '', approval: '' };
      const upload = await request(server)
        .post(`${E}/findings?tool=semgrep`)
        .set('Authorization', header.pipe)
        .set('Content-Type', 'application/octet-stream')
        .send(sarif);
      answered(upload, 201, 'upload');
      const list = await request(server)
        .get(`${E}/findings`)
        .set('Authorization', header.owner);
      answered(list, 200, 'findings list');
      ids.finding = list.body.items[0].id;
      ids.approval = await newApproval();
    });

    it.each(ROLES)('answers %s as the matrix says', async role => {
      const got: Record<string, Expect> = {};
      const want: Record<string, Expect> = {};
      for (const row of MATRIX) {
        if (row.prepare) ids.approval = await newApproval();
        const res = await row.call(ids, role);
        const expected = row.expect[role];
        want[row.route] = expected;
        got[row.route] = Array.isArray(expected)
          ? [
              res.status,
              String(res.body?.error?.message ?? '').includes(expected[1])
                ? expected[1]
                : res.body?.error?.message,
            ]
          : res.status;
      }
      expect(got).toEqual(want);
    });

    it('leaves hidden entities out of lists and says how many', async () => {
      const dora = await request(ids.server)
        .get(
          '/api/delivery/dora?entityRefs=component:default/svc-a,component:default/svc-b',
        )
        .set('Authorization', header.hidden);
      expect(dora.status).toBe(200);
      expect(dora.body.entityRefs).toEqual(['component:default/svc-b']);
      expect(dora.body.omittedEntities).toBe(1);

      const asOwner = await request(ids.server)
        .get('/api/delivery/approvals')
        .set('Authorization', header.owner);
      expect(
        asOwner.body.items.some(
          (r: { entityRef: string }) =>
            r.entityRef === 'component:default/svc-a',
        ),
      ).toBe(true);
      const asHidden = await request(ids.server)
        .get('/api/delivery/approvals')
        .set('Authorization', header.hidden);
      expect(asHidden.status).toBe(200);
      expect(
        asHidden.body.items.filter(
          (r: { entityRef: string }) =>
            r.entityRef === 'component:default/svc-a',
        ),
      ).toEqual([]);
      expect(asHidden.body.omitted).toBeGreaterThan(0);

      const filtered = await request(ids.server)
        .get('/api/delivery/approvals?entityRef=component:default/svc-a')
        .set('Authorization', header.hidden);
      expect(filtered.status).toBe(404);
    });
  },
);
