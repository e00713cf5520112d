/*
 * One backend replica for the scale-out test, run as its own Node process:
 *   node --require @backstage/cli/config/nodeTransform.cjs replica.ts
 * with KUBE_URL and KUBE_TOKEN (the cluster `local`) or KUBE_CLUSTERS (JSON: name → { url,
 * token }), and PG_CONNECTION (JSON knex connection) in the environment. It starts the delivery
 * plugin and the Tekton module with the real scheduler on that database, prints `READY <port>`
 * and runs until killed.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import knexFactory from 'knex';
import { startTestPortal } from './testPortal';

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(process.env.PG_CONNECTION ?? '{}'),
  });
  const server = await startTestPortal(
    process.env.KUBE_CLUSTERS
      ? JSON.parse(process.env.KUBE_CLUSTERS)
      : { url: process.env.KUBE_URL!, token: process.env.KUBE_TOKEN! },
    knex,
    JSON.parse(process.env.DELIVERY_CONFIG ?? '{}'),
    [schedulerServiceFactory],
  );
  process.stdout.write(`READY ${server.port()}\n`);
}

main().catch(error => {
  process.stderr.write(`replica failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
