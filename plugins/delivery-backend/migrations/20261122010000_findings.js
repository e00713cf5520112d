/*
 * Security findings: one row per (entity, tool, target, fingerprint), tracked across scans;
 * suppressions with reason, author and expiry; an append-only history; one row per scan.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_findings', table => {
    table.comment('Findings, deduplicated across scans of the same (entity, tool, target)');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('tool', 128).notNullable();
    table.string('target', 512).notNullable().comment('Scanned image, path or manifest');
    table.string('fingerprint', 128).notNullable().comment('Stable across scans');
    table.string('tool_version', 64).nullable();
    table.string('category', 32).notNullable();
    table.string('severity', 16).notNullable();
    table.integer('severity_rank').notNullable().comment('critical 5 … info 1, for ordering');
    table.string('rule_id', 255).notNullable();
    table.string('title', 1024).notNullable();
    table.string('package', 512).nullable();
    table.string('installed_version', 255).nullable();
    table.string('fixed_version', 255).nullable();
    table.text('details').notNullable().comment('JSON: aliases, description, location, references, report suppression');
    table.string('status', 16).notNullable().comment('open | reopened | fixed');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('fixed_at', { useTz: true }).nullable();
    table.string('last_run_uid', 255).nullable().comment('Run whose scan last saw it');
    table.string('fixed_run_uid', 255).nullable().comment('Run whose scan found it gone');
    table.boolean('report_suppressed').notNullable().defaultTo(false).comment('Suppressed in the report itself (SARIF, VEX)');
    table.unique(['entity_ref', 'tool', 'target', 'fingerprint'], { indexName: 'delivery_findings_identity_uq' });
    table.index(['entity_ref', 'status', 'severity_rank'], 'delivery_findings_entity_status_idx');
  });

  await knex.schema.createTable('delivery_finding_suppressions', table => {
    table.comment('Risk acceptances and dismissals; expired or revoked ones stay as history');
    table.bigIncrements('id').primary();
    table.bigInteger('finding_id').notNullable().references('id').inTable('delivery_findings').onDelete('CASCADE');
    table.string('reason', 32).notNullable().comment('risk_accepted | false_positive | wont_fix | used_in_tests');
    table.text('comment').notNullable();
    table.string('author', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.string('revoked_by', 255).nullable();
    table.index(['finding_id'], 'delivery_finding_suppressions_finding_idx');
  });

  await knex.schema.createTable('delivery_finding_events', table => {
    table.comment('Append-only history of each finding');
    table.bigIncrements('id').primary();
    table.bigInteger('finding_id').notNullable().references('id').inTable('delivery_findings').onDelete('CASCADE');
    table.string('event', 16).notNullable().comment('opened | fixed | reopened | suppressed | unsuppressed');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('run_uid', 255).nullable();
    table.string('actor', 255).nullable();
    table.index(['finding_id'], 'delivery_finding_events_finding_idx');
  });

  await knex.schema.createTable('delivery_scans', table => {
    table.comment('One row per uploaded report');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('tool', 128).notNullable();
    table.string('format', 64).notNullable();
    table.string('run_uid', 255).nullable();
    table.boolean('complete').notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.text('summary').notNullable().comment('JSON: targets, counts, new/fixed/reopened');
    table.index(['entity_ref', 'received_at'], 'delivery_scans_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_scans');
  await knex.schema.dropTable('delivery_finding_events');
  await knex.schema.dropTable('delivery_finding_suppressions');
  await knex.schema.dropTable('delivery_findings');
};
