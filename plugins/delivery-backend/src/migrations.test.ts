import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@slipway/plugin-delivery-backend',
  'migrations',
);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrate up creates the tables and down removes them', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    expect(await knex.schema.hasTable('delivery_runs')).toBe(true);
    expect(await knex.schema.hasTable('delivery_tasks')).toBe(true);

    await knex.migrate.rollback({ directory: migrationsDir }, true);
    expect(await knex.schema.hasTable('delivery_runs')).toBe(false);
    expect(await knex.schema.hasTable('delivery_tasks')).toBe(false);
  });
});
