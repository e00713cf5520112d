import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { deliveryPlugin } from '../../plugin';
import { readCatalogTimeout, withCatalogTimeout } from './timedCatalog';

describe('withCatalogTimeout', () => {
  it('answers what the catalog answers in time, and 503 naming the call when it is late', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'quick', namespace: 'default' },
        },
      ],
    });
    const timed = withCatalogTimeout(catalog, 200);
    const credentials = mockCredentials.none();
    expect(
      (await timed.getEntityByRef('component:default/quick', { credentials }))
        ?.metadata.name,
    ).toBe('quick');

    catalog.getEntityByRef = () => new Promise(() => {});
    const started = Date.now();
    const error = await timed
      .getEntityByRef('component:default/quick', { credentials })
      .catch(e => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'The software catalog did not answer (getEntityByRef) within 200 ms; try again later',
    );
  });

  it('reads delivery.catalogTimeout as a duration, 10 s by default', () => {
    const config = (data: object) => new ConfigReader({ delivery: data });
    expect(readCatalogTimeout(config({}))).toBe(10_000);
    expect(readCatalogTimeout(config({ catalogTimeout: '2s' }))).toBe(2_000);
    expect(
      readCatalogTimeout(config({ catalogTimeout: { milliseconds: 300 } })),
    ).toBe(300);
  });

  it('bounds the routes: a catalog that hangs gives 503, not a hung request', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: () => new Promise(() => {}),
    });
    const { server } = await startTestBackend({
      features: [
        deliveryPlugin,
        mockServices.rootConfig.factory({
          data: { delivery: { catalogTimeout: '300ms' } },
        }),
        catalog.factory,
      ],
    });
    const res = await request(server)
      .get('/api/delivery/entities/component/default/payments-api/runs')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      'The software catalog did not answer (getEntityByRef) within 300 ms',
    );
  });
});
