import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';
import { withTestComponents } from './testComponents';

type RootConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** A change (commit) event as `POST /events/changes` takes it. */
export const doraChange = (
  entityRef: string,
  sha: string,
  authoredAt: string,
  isMerge = false,
) => ({ entityRef, sha, authoredAt, isMerge });

/** A deployment event as `POST /events/deployments` takes it (production success by default). */
export const doraDeploy = (
  entityRef: string,
  id: string,
  finishedAt: string,
  commitSha: string,
  version: string,
  status = 'success',
  environment = 'production',
) => ({
  id,
  entityRef,
  environment,
  status,
  finishedAt,
  commitSha,
  version,
});

/**
 * The delivery backend on `knex` with the given config and catalog, and `post(kind, events)`,
 * which sends a batch to `POST /api/delivery/events/:kind` as a service and expects 200.
 */
export async function startDoraBackend(
  knex: Knex,
  options: { config?: RootConfigData; entities?: Entity[] } = {},
) {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      catalogServiceMock.factory({
        entities: withTestComponents(options.entities),
      }),
    ],
  });
  const post = async (kind: string, body: object[]) => {
    await request(server)
      .post(`/api/delivery/events/${kind}`)
      .set('Authorization', mockCredentials.service.header())
      .send(body)
      .expect(200);
  };
  return { server, post };
}
