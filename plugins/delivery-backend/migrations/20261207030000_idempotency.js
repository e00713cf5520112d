/*
 * Idempotency keys of actions (rerun, approval request): a retried request with the same key
 * answers what the first one did instead of acting again.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_idempotency', table => {
    table.comment('Answers of actions by idempotency key, kept for a day');
    table
      .string('principal', 255)
      .notNullable()
      .comment('Who sent it (user:…, service:…)');
    table
      .string('action', 64)
      .notNullable()
      .comment('e.g. run-rerun, approval-request');
    table
      .string('key', 255)
      .notNullable()
      .comment('The Idempotency-Key header');
    table
      .string('target', 255)
      .notNullable()
      .comment('What it acted on (run uid, entity ref)');
    table
      .integer('status')
      .nullable()
      .comment('HTTP status of the answer; null while in progress');
    table.text('body').nullable().comment('JSON answer');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['principal', 'action', 'key']);
    table.index(['created_at'], 'delivery_idempotency_created_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_idempotency');
};
