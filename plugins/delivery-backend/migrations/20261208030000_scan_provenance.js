/*
 * Who uploaded each scan, and whether it could mark findings fixed: only a scan linked to a run
 * of the entity or uploaded by one of its owners closes findings (and so clears the security
 * gate); others only add what they found. Earlier scans keep the power they had.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_scans', table => {
    table.string('uploaded_by', 255).nullable().comment('The principal that uploaded the report');
    table.boolean('closes_findings').notNullable().defaultTo(true).comment('Whether the scan could mark findings fixed');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_scans', table => {
    table.dropColumn('closes_findings');
    table.dropColumn('uploaded_by');
  });
};
