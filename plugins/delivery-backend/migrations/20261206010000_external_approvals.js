/*
 * Approval requests that mirror another system's approval objects (e.g. Tekton
 * manual-approval-gate ApprovalTasks): the source, the object's key there, and what the UI needs
 * to show it (approvers in the source's own names, the commands that decide outside Slipway).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_approvals', table => {
    table.string('source', 64).nullable().comment('Approval source name; null for Slipway requests');
    table.string('external_key', 255).nullable().comment('Key of the object within its source');
    table.text('external').nullable().comment('JSON: title, approvers and decide commands of the external object');
    table.unique(['source', 'external_key'], { indexName: 'delivery_approvals_external_uq' });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_approvals', table => {
    table.dropUnique(['source', 'external_key'], 'delivery_approvals_external_uq');
    table.dropColumn('external');
    table.dropColumn('external_key');
    table.dropColumn('source');
  });
};
