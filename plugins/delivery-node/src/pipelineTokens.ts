import {
  exportJWK,
  importPKCS8,
  JWK,
  SignJWT,
  calculateJwkThumbprint,
} from 'jose';

/**
 * Subject prefix of pipeline tokens: a Backstage `externalAccess` entry of type `jwks` with
 * `subjectPrefix: slipway-pipeline` makes a token's principal `external:slipway-pipeline:<entity ref>`,
 * which the delivery backend scopes to that one entity.
 *
 * @public
 */
export const PIPELINE_TOKEN_SUBJECT_PREFIX = 'slipway-pipeline';

/** Default `iss` of pipeline tokens. @public */
export const PIPELINE_TOKEN_ISSUER = 'slipway';

const ALG = 'ES256';

/**
 * Where pipeline tokens come from: an EC P-256 private key (PKCS#8 PEM) shared by the
 * scaffolder module, which issues a token per project, and the delivery backend, which publishes
 * the public key as a JWKS for Backstage's `jwks` external access.
 *
 * @public
 */
export interface PipelineTokenKey {
  /** PKCS#8 PEM of an EC P-256 private key (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`). */
  privateKeyPem: string;
  issuer?: string;
}

/**
 * A token for the pipelines of one entity: an ES256 JWT whose subject is the entity ref. It
 * expires after `ttlSeconds` (default a year); rotate the key to revoke every token at once.
 *
 * @public
 */
export async function issuePipelineToken(
  key: PipelineTokenKey,
  entityRef: string,
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<string> {
  const privateKey = await importPKCS8(key.privateKeyPem, ALG);
  const publicJwk = await publicJwkOf(key);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: publicJwk.kid })
    .setSubject(entityRef.toLocaleLowerCase('en-US'))
    .setIssuer(key.issuer ?? PIPELINE_TOKEN_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 365 * 24 * 3600))
    .sign(privateKey);
}

/**
 * The public half of the key as a JWK (with `kid`, `alg` and `use`), for a JWKS document.
 *
 * @public
 */
export async function publicJwkOf(key: PipelineTokenKey): Promise<JWK> {
  const privateKey = await importPKCS8(key.privateKeyPem, ALG, {
    extractable: true,
  });
  const { kty, crv, x, y } = await exportJWK(privateKey);
  const jwk: JWK = { kty, crv, x, y };
  return {
    ...jwk,
    kid: await calculateJwkThumbprint(jwk),
    alg: ALG,
    use: 'sig',
  };
}
