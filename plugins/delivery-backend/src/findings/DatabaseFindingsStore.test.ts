import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ParsedFinding, ParsedReport } from '@slipway/plugin-delivery-node';
import { DatabaseFindingsStore } from './DatabaseFindingsStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const sla = { critical: 7, high: 30, medium: 90, low: 120, info: 365 };
const entityRef = 'component:default/payments-api';
const DAY = 86_400_000;
const t0 = new Date('2026-11-01T00:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

function finding(
  id: string,
  severity: ParsedFinding['severity'] = 'high',
  extra: Partial<ParsedFinding> = {},
): ParsedFinding {
  return {
    fingerprint: `fp-${id}`,
    category: 'dependency',
    severity,
    ruleId: `CVE-2026-${id}`,
    title: `Vuln ${id}`,
    target: 'app:1',
    package: 'lib',
    installedVersion: '1.0',
    ...extra,
  };
}

function report(findings: ParsedFinding[], complete = true): ParsedReport {
  return {
    format: 'test',
    tool: 'trivy',
    complete,
    targets: ['app:1'],
    findings,
  };
}

async function createStore(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  return DatabaseFindingsStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseFindingsStore on %p',
  databaseId => {
    it('opens, fixes and reopens findings across scans, and an incomplete scan fixes nothing', async () => {
      const store = await createStore(databaseId);
      const scan = (
        findings: ParsedFinding[],
        days: number,
        complete = true,
        runUid?: string,
      ) =>
        store.recordScan({
          entityRef,
          tool: 'trivy',
          report: report(findings, complete),
          now: at(days),
          runUid,
        });
      const statuses = async (days: number) =>
        Object.fromEntries(
          (
            await store.listFindings({ entityRef, limit: 50 }, at(days), sla)
          ).items.map(f => [f.ruleId.slice(-1), f.status]),
        );

      expect(
        await scan(
          [finding('1'), finding('2'), finding('3')],
          0,
          true,
          'run-a',
        ),
      ).toMatchObject({ new: 3, fixed: 0, reopened: 0 });
      expect(
        await scan([finding('2'), finding('4', 'critical')], 1, true, 'run-b'),
      ).toMatchObject({ new: 1, fixed: 2, reopened: 0 });
      expect(await statuses(1)).toEqual({
        '1': 'fixed',
        '2': 'open',
        '3': 'fixed',
        '4': 'open',
      });
      const fixed = (
        await store.listFindings(
          { entityRef, limit: 50, status: ['fixed'] },
          at(1),
          sla,
        )
      ).items;
      expect(fixed.map(f => [f.fixedRunUid, f.fixedAt])).toEqual([
        ['run-b', at(1).toISOString()],
        ['run-b', at(1).toISOString()],
      ]);

      expect(
        await scan([finding('1'), finding('2'), finding('4', 'critical')], 2),
      ).toMatchObject({ new: 0, fixed: 0, reopened: 1 });
      expect(await statuses(2)).toEqual({
        '1': 'reopened',
        '2': 'open',
        '3': 'fixed',
        '4': 'open',
      });

      expect(await scan([], 3, false)).toMatchObject({
        new: 0,
        fixed: 0,
        reopened: 0,
      });
      expect(await statuses(3)).toEqual({
        '1': 'reopened',
        '2': 'open',
        '3': 'fixed',
        '4': 'open',
      });

      const two = (
        await store.listFindings(
          { entityRef, limit: 50, severity: ['high'], status: ['open'] },
          at(3),
          sla,
        )
      ).items[0];
      expect(two).toMatchObject({
        ruleId: 'CVE-2026-2',
        firstSeenAt: at(0).toISOString(),
        lastSeenAt: at(2).toISOString(),
      });
    });

    it('counts overdue findings by SLA and leaves suppressed ones out of the gate until they expire', async () => {
      const store = await createStore(databaseId);
      await store.recordScan({
        entityRef,
        tool: 'trivy',
        report: report([
          finding('c', 'critical'),
          finding('h', 'high'),
          finding('s', 'high', { category: 'secret' }),
          finding('v', 'medium', { suppression: { kind: 'vex:not_affected' } }),
        ]),
        now: at(0),
      });
      const counts = await store.gateCounts(entityRef, at(8), sla);
      expect(counts.open).toEqual({
        critical: 1,
        high: 2,
        medium: 0,
        low: 0,
        info: 0,
      });
      expect(counts.overdue).toEqual({
        critical: 1,
        high: 0,
        medium: 0,
        low: 0,
        info: 0,
      });
      expect(counts.openSecrets).toBe(1);

      const [critical] = (
        await store.listFindings({ entityRef, limit: 1 }, at(8), sla)
      ).items;
      expect(critical).toMatchObject({ severity: 'critical', overdue: true });
      await store.suppress(
        critical.id,
        {
          reason: 'risk_accepted',
          comment: 'not reachable',
          author: 'user:default/ada',
          expiresAt: at(10),
        },
        at(8),
      );
      expect(
        (await store.gateCounts(entityRef, at(9), sla)).open.critical,
      ).toBe(0);
      expect(await store.getFinding(critical.id, at(9), sla)).toMatchObject({
        overdue: false,
        suppression: {
          source: 'user',
          reason: 'risk_accepted',
          author: 'user:default/ada',
        },
      });
      expect(
        (await store.gateCounts(entityRef, at(11), sla)).open.critical,
      ).toBe(1);

      await store.suppress(
        critical.id,
        {
          reason: 'false_positive',
          comment: 'test fixture',
          author: 'user:default/ada',
          expiresAt: at(40),
        },
        at(11),
      );
      expect(
        await store.unsuppress(critical.id, 'user:default/bruno', at(12)),
      ).toBe(true);
      expect(
        await store.unsuppress(critical.id, 'user:default/bruno', at(12)),
      ).toBe(false);
      expect(
        (await store.gateCounts(entityRef, at(12), sla)).open.critical,
      ).toBe(1);

      const vex = (
        await store.listFindings(
          { entityRef, limit: 10, severity: ['medium'] },
          at(1),
          sla,
        )
      ).items[0];
      expect(vex.suppression).toEqual({
        source: 'report',
        reason: 'vex:not_affected',
        comment: undefined,
      });
    });

    it('pages by severity then id, and keeps scopes of other targets and tools apart', async () => {
      const store = await createStore(databaseId);
      await store.recordScan({
        entityRef,
        tool: 'trivy',
        report: report(
          ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
            finding(
              id,
              (['critical', 'high', 'medium', 'low', 'info'] as const)[i],
            ),
          ),
        ),
        now: at(0),
      });
      await store.recordScan({
        entityRef,
        tool: 'grype',
        report: { ...report([]), targets: ['app:1'] },
        now: at(1),
      });
      const first = await store.listFindings(
        { entityRef, limit: 2 },
        at(1),
        sla,
      );
      const second = await store.listFindings(
        { entityRef, limit: 10, cursor: first.nextCursor },
        at(1),
        sla,
      );
      expect([...first.items, ...second.items].map(f => f.severity)).toEqual([
        'critical',
        'high',
        'medium',
        'low',
        'info',
      ]);
      expect(second.items.every(f => f.status === 'open')).toBe(true);
    });
  },
);
