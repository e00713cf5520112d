import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@slipway/plugin-delivery-backend',
  'migrations',
);

const TABLES = [
  'delivery_approval_history',
  'delivery_approval_decisions',
  'delivery_approval_eligibility',
  'delivery_approvals',
];

/**
 * A migrated test database for approval store tests; `clear()` empties the approval tables
 * (call it before each test).
 */
export async function approvalTestDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<{ knex: Knex; clear: () => Promise<void> }> {
  const knex = await databases.init(id);
  await knex.migrate.latest({ directory: migrationsDir });
  return {
    knex,
    clear: async () => {
      for (const table of TABLES) await knex(table).delete();
    },
  };
}
