/*
 * Deployment approvals: requests, the people eligible under each rule, decisions (one per
 * person) and an append-only history of everything that happened to a request.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_approvals', table => {
    table.comment('Approval requests for promotions to an environment');
    table.string('id', 64).primary().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('environment_ref', 255).notNullable();
    table.string('tier', 32).notNullable();
    table.string('revision', 255).notNullable();
    table.string('version', 255).nullable();
    table.string('image_digest', 255).nullable();
    table.string('run_uid', 255).nullable();
    table.string('state', 16).notNullable().comment('pending | approved | rejected | expired | cancelled | superseded');
    table.string('requested_by', 255).notNullable();
    table.string('triggered_by', 255).nullable();
    table.text('excluded').notNullable().comment('JSON array of user refs who may not approve');
    table.text('rules').notNullable().comment('JSON: [{ name, required }] in policy order');
    table.text('gates').notNullable().comment('JSON: gate results at request time');
    table.text('comment').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.timestamp('valid_until', { useTz: true }).nullable();
    table.string('superseded_by', 64).nullable();
    table.index(['entity_ref', 'environment', 'state'], 'delivery_approvals_entity_idx');
    table.index(['state', 'expires_at'], 'delivery_approvals_state_idx');
    table.index(['created_at', 'id'], 'delivery_approvals_created_idx');
  });
  await knex.schema.createTable('delivery_approval_eligibility', table => {
    table.comment('Who may approve a request under which rule, resolved from the catalog');
    table.string('request_id', 64).notNullable().references('id').inTable('delivery_approvals').onDelete('CASCADE');
    table.integer('rule_index').notNullable();
    table.string('user_ref', 255).notNullable();
    table.primary(['request_id', 'rule_index', 'user_ref']);
    table.index(['user_ref'], 'delivery_approval_eligibility_user_idx');
  });
  await knex.schema.createTable('delivery_approval_decisions', table => {
    table.comment('One decision per person and request');
    table.string('request_id', 64).notNullable().references('id').inTable('delivery_approvals').onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.string('decision', 16).notNullable().comment('approve | reject');
    table.text('comment').notNullable();
    table.text('rule_indexes').notNullable().comment('JSON: the rules the approval counted for');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['request_id', 'user_ref']);
  });
  await knex.schema.createTable('delivery_approval_history', table => {
    table.comment('Append-only history of approval requests');
    table.bigIncrements('seq').primary();
    table.string('request_id', 64).notNullable();
    table.string('type', 16).notNullable().comment('requested | decision | transition');
    table.string('actor', 255).notNullable();
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).nullable();
    table.text('comment').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['request_id', 'seq'], 'delivery_approval_history_request_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_approval_history');
  await knex.schema.dropTable('delivery_approval_decisions');
  await knex.schema.dropTable('delivery_approval_eligibility');
  await knex.schema.dropTable('delivery_approvals');
};
