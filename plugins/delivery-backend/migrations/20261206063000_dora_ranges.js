/*
 * DORA reads bounded by the window: indexes for the lookback the rules need (changes after an
 * entity's shipped push order, explicit commit links, rollback targets by version or sha,
 * incidents still open or resolved after the window starts).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_changes', table => {
    table.index(['entity_ref', 'seq'], 'delivery_changes_entity_seq_idx');
    table.index(['deployment_id'], 'delivery_changes_deployment_idx');
  });
  await knex.schema.alterTable('delivery_deployments', table => {
    table.index(['entity_ref', 'version'], 'delivery_deployments_version_idx');
    table.index(['entity_ref', 'commit_sha'], 'delivery_deployments_sha_idx');
  });
  await knex.schema.alterTable('delivery_incidents', table => {
    table.index(['entity_ref', 'resolved_at'], 'delivery_incidents_resolved_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_incidents', table => {
    table.dropIndex([], 'delivery_incidents_resolved_idx');
  });
  await knex.schema.alterTable('delivery_deployments', table => {
    table.dropIndex([], 'delivery_deployments_sha_idx');
    table.dropIndex([], 'delivery_deployments_version_idx');
  });
  await knex.schema.alterTable('delivery_changes', table => {
    table.dropIndex([], 'delivery_changes_deployment_idx');
    table.dropIndex([], 'delivery_changes_entity_seq_idx');
  });
};
