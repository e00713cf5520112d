import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import {
  issuePipelineToken,
  PIPELINE_TOKEN_ISSUER,
  publicJwkOf,
} from './pipelineTokens';

const pem = (curve: string) =>
  generateKeyPairSync('ec', { namedCurve: curve })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

describe('pipeline tokens', () => {
  const key = { privateKeyPem: pem('P-256') };

  it('issues an ES256 token for one entity that verifies against the published key', async () => {
    const token = await issuePipelineToken(
      key,
      'Component:default/Checkout-Web',
    );
    const jwks = createLocalJWKSet({ keys: [await publicJwkOf(key)] });
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: PIPELINE_TOKEN_ISSUER,
      algorithms: ['ES256'],
    });
    expect(payload.sub).toBe('component:default/checkout-web');
    expect(protectedHeader.kid).toBe((await publicJwkOf(key)).kid);
    expect(payload.exp! - payload.iat!).toBe(365 * 24 * 3600);
  });

  it('publishes only the public half of the key', async () => {
    const jwk = await publicJwkOf(key);
    expect(Object.keys(jwk).sort()).toEqual([
      'alg',
      'crv',
      'kid',
      'kty',
      'use',
      'x',
      'y',
    ]);
    expect(jwk).not.toHaveProperty('d');
  });

  it('is not verified by another key, and not after it expires', async () => {
    const other = { privateKeyPem: pem('P-256') };
    const token = await issuePipelineToken(key, 'component:default/a', {
      ttlSeconds: 60,
      now: new Date(Date.now() - 3600_000),
    });
    await expect(
      jwtVerify(token, createLocalJWKSet({ keys: [await publicJwkOf(key)] })),
    ).rejects.toThrow(/exp/);
    const fresh = await issuePipelineToken(key, 'component:default/a');
    await expect(
      jwtVerify(fresh, createLocalJWKSet({ keys: [await publicJwkOf(other)] })),
    ).rejects.toThrow();
  });
});
