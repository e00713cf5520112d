/*
 * DORA records: deployments (from runs and the events API), changes (commits, in push order)
 * and incidents. Ingestion is idempotent by id / (entity, sha).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_deployments', table => {
    table.comment('Deployment attempts to an environment');
    table.string('id', 255).primary().notNullable().comment('Source id; run:<uid> for pipeline runs');
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('status', 16).notNullable().comment('success | failed | cancelled');
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.string('commit_sha', 64).nullable();
    table.string('version', 255).nullable();
    table.string('remediation_for', 255).nullable().comment('Incident id this deployment fixes');
    table.string('source', 32).notNullable().comment('run | api');
    table.index(['entity_ref', 'finished_at'], 'delivery_deployments_entity_idx');
  });
  await knex.schema.createTable('delivery_changes', table => {
    table.comment('Commits per entity; seq is the order in which they were reported (push order)');
    table.bigIncrements('seq').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('sha', 64).notNullable();
    table.timestamp('authored_at', { useTz: true }).notNullable();
    table.timestamp('committed_at', { useTz: true }).nullable();
    table.boolean('is_merge').notNullable().defaultTo(false);
    table.string('deployment_id', 255).nullable().comment('The deployment that shipped it, when the source knows');
    table.unique(['entity_ref', 'sha'], { indexName: 'delivery_changes_entity_sha_uq' });
  });
  await knex.schema.createTable('delivery_incidents', table => {
    table.comment('Incidents, open while resolved_at is null');
    table.string('id', 255).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('title', 1024).nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('caused_by_deployment_id', 255).nullable();
    table.index(['entity_ref', 'started_at'], 'delivery_incidents_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_incidents');
  await knex.schema.dropTable('delivery_changes');
  await knex.schema.dropTable('delivery_deployments');
};
