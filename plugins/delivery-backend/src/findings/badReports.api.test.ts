import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startDoraBackend } from '../__testUtils__/doraBackend';

/*
 * Trust part 2 (review M3, M4): reports that are too long or too deep for the database or the
 * parser answer 201 (cut to the columns) or 4xx (naming the problem), never 500 — on SQLite and
 * PostgreSQL alike.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const service = mockCredentials.service.header();
const path = '/api/delivery/entities/component/default/ledger/findings';

function sarif(name: string, version: string, uri: string) {
  return JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name, version, rules: [{ id: 'r1' }] } },
        results: [
          {
            ruleId: 'r1',
            level: 'error',
            message: { text: 'bad' },
            locations: [{ physicalLocation: { artifactLocation: { uri } } }],
          },
        ],
      },
    ],
  });
}

/** A CycloneDX BOM whose components nest `depth` levels deep, built without recursion. */
function deepBom(depth: number): string {
  const open = '{"type":"library","name":"c","components":[';
  return `{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[],"components":[${open.repeat(
    depth,
  )}{"type":"library","name":"leaf"}${']}'.repeat(depth)}]}`;
}

describe.each(databases.eachSupportedId())('bad reports on %p', databaseId => {
  let server: Parameters<typeof request>[0];
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    ({ server } = await startDoraBackend(knex));
  });

  const upload = (body: string) =>
    request(server)
      .post(path)
      .set('Authorization', service)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from(body));

  it('cuts a tool name, version and target longer than their columns, and stores the scan', async () => {
    const res = await upload(
      sarif('t'.repeat(300), 'v'.repeat(100), `src/${'d/'.repeat(400)}x.js`),
    );
    expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
    expect(res.body.tool).toHaveLength(128);
    const [row] = await knex('delivery_findings').select(
      'tool',
      'tool_version',
      'target',
    );
    expect(row.tool).toHaveLength(128);
    expect(row.tool_version).toHaveLength(64);
    expect(row.target.length).toBeLessThanOrEqual(512);

    const again = await upload(
      sarif('t'.repeat(300), 'v'.repeat(100), `src/${'d/'.repeat(400)}x.js`),
    );
    expect(again.status).toBe(201);
    const [{ n }] = await knex('delivery_findings').count({ n: '*' });
    expect(Number(n)).toBe(1);
  });

  it('refuses a CycloneDX BOM nested deeper than 64 levels with a 400, not a stack overflow', async () => {
    const res = await upload(deepBom(100_000));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'nests components more than 64 levels deep',
    );
    const fine = await upload(deepBom(10));
    expect([fine.status, fine.body.error?.message]).toEqual([201, undefined]);
  });

  it('answers 400 for a finding id that is not a number, on every database', async () => {
    const res = await request(server)
      .get('/api/delivery/findings/abc')
      .set('Authorization', service);
    expect(res.status).toBe(400);
    const huge = await request(server)
      .get('/api/delivery/findings/99999999999999999999999')
      .set('Authorization', service);
    expect(huge.status).toBe(400);
  });
});
