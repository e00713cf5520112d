/*
 * Provenance of DORA records: who recorded each deployment, change and incident through the
 * events API (a user or service principal), so that a record is corrected only by its own source.
 * Rows from before this migration have none and stay correctable as before.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['delivery_deployments', 'delivery_changes', 'delivery_incidents']) {
    await knex.schema.alterTable(table, t => {
      t.string('recorded_by', 255)
        .nullable()
        .comment('Principal that recorded it through the events API (user:…, service:…), or the provider (scm:github, …)');
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of ['delivery_deployments', 'delivery_changes', 'delivery_incidents']) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('recorded_by');
    });
  }
};
