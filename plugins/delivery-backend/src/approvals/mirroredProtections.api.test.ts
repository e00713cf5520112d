import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  deliveryApprovalSourcesExtensionPoint,
  ExternalApprovalRecord,
  ExternalApprovalSink,
} from '@slipway/plugin-delivery-node';
import request from 'supertest';
import { startApprovalBackend } from './__testUtils__/approvalBackend';
import { users } from './__testUtils__/approvalCatalog';

/*
 * Trust part 2 (review H5): a mirrored approval object (e.g. a manual-approval-gate
 * ApprovalTask) excludes its triggerer and commit authors and carries the environment's gates,
 * as Slipway's own requests do — on SQLite and PostgreSQL.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const approver = (name: string, userRef: string) => ({
  name,
  type: 'user' as const,
  input: 'pending' as const,
  userRefs: [userRef],
});

function record(
  key: string,
  over: Partial<ExternalApprovalRecord>,
): ExternalApprovalRecord {
  return {
    key,
    kubernetesId: 'payments-api',
    revision: 'feed123',
    state: 'pending',
    approvalsRequired: 1,
    approvers: [
      approver('ada', users.ada),
      approver('dan', users.dan),
      approver('bruno', users.bruno),
    ],
    createdAt: new Date().toISOString(),
    commands: {
      approve: `tkn-approvaltask approve ${key}`,
      reject: `tkn-approvaltask reject ${key}`,
    },
    ...over,
  };
}

describe.each(databases.eachSupportedId())(
  'mirrored approvals on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    let sink: ExternalApprovalSink;

    beforeAll(async () => {
      const source = createBackendModule({
        pluginId: 'delivery',
        moduleId: 'test-approval-source',
        register(reg) {
          reg.registerInit({
            deps: { sources: deliveryApprovalSourcesExtensionPoint },
            async init({ sources }) {
              sources.addApprovalSource({
                getSourceName: () => 'test-approvaltask',
                connect: async s => {
                  sink = s;
                },
                canWriteFor: () => true,
                decide: async () => {
                  throw new Error('not in this test');
                },
              });
            },
          });
        },
      });
      ({ server } = await startApprovalBackend(
        await databases.init(databaseId),
        {
          features: [source],
        },
      ));
    });

    const find = async (key: string) => {
      const res = await request(server)
        .get(
          '/api/delivery/approvals?entityRef=component:default/payments-api&limit=50',
        )
        .set('Authorization', mockCredentials.service.header());
      return res.body.items.find(
        (r: { external?: { key: string } }) => r.external?.key === key,
      );
    };
    const viewer = async (id: string, user: string) =>
      (
        await request(server)
          .get(`/api/delivery/approvals/${id}`)
          .set('Authorization', mockCredentials.user.header(user))
      ).body.viewer;

    it('excludes the triggerer and authors, and shows what it could not match', async () => {
      await sink.upsertExternalApprovals([
        record('ns/staging-1', {
          environment: 'staging',
          triggeredBy: 'ada-l',
          commitAuthors: ['dan@example.com', 'ghost@elsewhere.example'],
        }),
      ]);
      const mirrored = await find('ns/staging-1');
      expect(mirrored.excluded).toEqual([users.ada, users.dan]);
      expect(mirrored.unresolvedIdentities).toEqual([
        'ghost@elsewhere.example',
      ]);
      expect(mirrored.blockedByUnresolved).toBeUndefined(); // staging allows
      expect(await viewer(mirrored.id, users.ada)).toEqual({
        canDecide: false,
        reason: 'You triggered or authored this promotion',
      });
      expect((await viewer(mirrored.id, users.bruno)).canDecide).toBe(true);
    });

    it("blocks on unmatched identities and carries the environment's gates", async () => {
      await sink.upsertExternalApprovals([
        record('ns/production-1', {
          environment: 'production',
          commitAuthors: ['ghost@elsewhere.example'],
        }),
      ]);
      const mirrored = await find('ns/production-1');
      expect(mirrored.blockedByUnresolved).toBe(true);
      expect(mirrored.gates.map((g: { kind: string }) => g.kind)).toEqual([
        'security',
        'soak',
      ]);
      expect((await viewer(mirrored.id, users.bruno)).reason).toContain(
        'Nobody may decide until ghost@elsewhere.example',
      );
    });
  },
);
