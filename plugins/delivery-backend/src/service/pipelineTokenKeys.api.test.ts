import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { issuePipelineToken } from '@slipway/plugin-delivery-node';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(60_000);

const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

async function start(data: object) {
  const { server } = await startTestBackend({
    features: [
      deliveryPlugin,
      mockServices.rootConfig.factory({ data }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  return server;
}

describe('the public key of pipeline tokens', () => {
  it('is served without credentials, and verifies the tokens the scaffolder issues', async () => {
    const server = await start({
      delivery: { pipelineTokens: { signingKey } },
    });
    const res = await request(server).get(
      '/api/delivery/.well-known/jwks.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.keys).toEqual([
      expect.objectContaining({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
      }),
    ]);
    expect(res.body.keys[0]).not.toHaveProperty('d');
    const token = await issuePipelineToken(
      { privateKeyPem: signingKey },
      'component:default/checkout-web',
    );
    const { payload } = await jwtVerify(token, createLocalJWKSet(res.body), {
      issuer: 'slipway',
    });
    expect(payload.sub).toBe('component:default/checkout-web');
  });

  it('answers 404 naming the setting when no key is configured', async () => {
    const server = await start({});
    const res = await request(server).get(
      '/api/delivery/.well-known/jwks.json',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      'delivery.pipelineTokens.signingKey',
    );
  });
});
