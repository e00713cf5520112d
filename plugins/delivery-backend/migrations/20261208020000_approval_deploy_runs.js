/*
 * The deploy run Slipway started for an approved promotion that no pipeline was waiting for
 * (or why it could not start one). Claimed once per request: a second approval, a retry or a
 * second replica never starts a second run.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_approvals', table => {
    table.text('deploy_run').nullable().comment('JSON: the deploy run started for this promotion once approved');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_approvals', table => {
    table.dropColumn('deploy_run');
  });
};
