import { RootConfigService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  PIPELINE_TOKEN_ISSUER,
  PipelineTokenKey,
  publicJwkOf,
} from '@slipway/plugin-delivery-node';
import { Router } from 'express';

/** `delivery.pipelineTokens`: the key pipeline tokens are signed with, if configured. */
export function readPipelineTokenKey(
  config: RootConfigService,
): PipelineTokenKey | undefined {
  const c = config.getOptionalConfig('delivery.pipelineTokens');
  const privateKeyPem = c?.getOptionalString('signingKey');
  return privateKeyPem
    ? {
        privateKeyPem,
        issuer: c?.getOptionalString('issuer') ?? PIPELINE_TOKEN_ISSUER,
      }
    : undefined;
}

/**
 * `GET /.well-known/jwks.json`: the public key of pipeline tokens, for a Backstage
 * `externalAccess` entry of type `jwks` (the one route that needs no credentials: it publishes
 * a public key). 404 when no signing key is configured.
 */
export function registerPipelineTokenKeyRoute(
  router: Router,
  key: PipelineTokenKey | undefined,
) {
  const jwks = key
    ? publicJwkOf(key).then(jwk => ({ keys: [jwk] }))
    : undefined;
  router.get('/.well-known/jwks.json', async (_req, res) => {
    if (!jwks) {
      throw new NotFoundError(
        'No pipeline token key is configured (delivery.pipelineTokens.signingKey)',
      );
    }
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(await jwks);
  });
}
