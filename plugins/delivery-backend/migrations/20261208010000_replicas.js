/*
 * Several replicas on one database (issue #17):
 * - runs and tasks remember the version of the source object they were written from, so that an
 *   older write (a lagging replica, a late retry) never overwrites a newer one;
 * - a small lease table: the replica holding a lease does the work it names (e.g. watching one
 *   Kubernetes cluster), renewing it on a heartbeat; another takes over once it expires.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of ['delivery_runs', 'delivery_tasks']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('source_version', 255)
        .nullable()
        .comment(
          'Version of the source object last written (e.g. Kubernetes resourceVersion); opaque',
        );
      table
        .bigInteger('source_order')
        .nullable()
        .comment(
          'The source version as a number (a decimal resourceVersion, else observedAt in ms): newer writes only',
        );
    });
  }
  await knex.schema.createTable('delivery_leases', table => {
    table.comment(
      'Work only one replica does at a time (e.g. watching one cluster), held under a renewed lease',
    );
    table
      .string('name', 255)
      .primary()
      .notNullable()
      .comment('What the lease is for, e.g. tekton/prod-eu');
    table
      .string('owner', 255)
      .notNullable()
      .comment('The replica holding it (host/pid/random id)');
    table
      .bigInteger('acquired_at')
      .notNullable()
      .comment('Database time, ms since the epoch');
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('Database time, ms since the epoch; renewed on a heartbeat');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_leases');
  for (const name of ['delivery_tasks', 'delivery_runs']) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('source_order');
      table.dropColumn('source_version');
    });
  }
};
