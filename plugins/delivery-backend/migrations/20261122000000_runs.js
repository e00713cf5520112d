/*
 * Pipeline runs and their tasks.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_runs', table => {
    table.comment(
      'Pipeline runs reported by providers; history is kept after a cluster prunes them',
    );
    table
      .string('uid', 255)
      .primary()
      .notNullable()
      .comment('Provider-unique id (Kubernetes uid)');
    table
      .string('provider', 64)
      .notNullable()
      .comment('Provider name, e.g. tekton');
    table.string('cluster', 255).nullable();
    table.string('namespace', 255).nullable();
    table.string('name', 255).notNullable();
    table.string('pipeline_name', 255).nullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Catalog entity the run belongs to');
    table
      .string('kubernetes_id', 255)
      .nullable()
      .comment('backstage.io/kubernetes-id label');
    table.string('status', 32).notNullable().comment('Normalised run status');
    table
      .string('reason', 255)
      .nullable()
      .comment('Provider reason, e.g. PipelineRunTimeout');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table
      .timestamp('sort_at', { useTz: true })
      .notNullable()
      .comment('Start time, else creation time: the paging key');
    table.integer('duration_seconds').nullable();
    table.string('branch', 255).nullable();
    table.string('revision', 64).nullable();
    table
      .string('environment', 64)
      .nullable()
      .comment('Target environment of a deployment run');
    table.string('rerun_of', 255).nullable();
    table.text('details').notNullable().comment('JSON: git facts, labels, params, results, image, message');
    table.index(
      ['entity_ref', 'sort_at', 'uid'],
      'delivery_runs_entity_page_idx',
    );
    table.index(['kubernetes_id'], 'delivery_runs_kubernetes_id_idx');
  });

  await knex.schema.createTable('delivery_tasks', table => {
    table.comment('Tasks (TaskRuns) of pipeline runs');
    table
      .string('run_uid', 255)
      .notNullable()
      .references('uid')
      .inTable('delivery_runs')
      .onDelete('CASCADE');
    table.string('name', 255).notNullable().comment('Task run name');
    table.string('pipeline_task_name', 255).notNullable();
    table.string('status', 32).notNullable();
    table.string('reason', 255).nullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.integer('retries').notNullable().defaultTo(0);
    table.boolean('is_finally').notNullable().defaultTo(false);
    table.text('details').nullable().comment('JSON: kind, pod, steps, results, message');
    table.primary(['run_uid', 'name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_tasks');
  await knex.schema.dropTable('delivery_runs');
};
