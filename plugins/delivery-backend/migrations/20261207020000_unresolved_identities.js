/*
 * Identities a promotion names (triggerer, commit authors) that Slipway could not match to a
 * catalog user: kept on the request so that it shows them and its policy can block on them.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_approvals', table => {
    table.text('unresolved').nullable().comment('JSON: identities not matched to catalog users');
    table.boolean('blocks_unresolved').notNullable().defaultTo(false).comment('Whether the policy blocks decisions while identities are unresolved');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_approvals', table => {
    table.dropColumn('blocks_unresolved');
    table.dropColumn('unresolved');
  });
};
