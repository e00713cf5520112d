import { Config } from '@backstage/config';
import {
  issuePipelineToken,
  PIPELINE_TOKEN_ISSUER,
} from '@slipway/plugin-delivery-node';

/**
 * The token a project's pipelines send to Slipway: one issued for this project's entity when
 * `delivery.pipelineTokens.signingKey` is set (the backend then scopes it to that entity),
 * else the shared static token of `delivery.scaffolder.pipelineToken`, else none.
 */
export async function pipelineTokenFor(
  config: Config,
  entityRef: string,
): Promise<string | undefined> {
  const privateKeyPem = config.getOptionalString(
    'delivery.pipelineTokens.signingKey',
  );
  if (privateKeyPem) {
    return issuePipelineToken(
      {
        privateKeyPem,
        issuer:
          config.getOptionalString('delivery.pipelineTokens.issuer') ??
          PIPELINE_TOKEN_ISSUER,
      },
      entityRef,
    );
  }
  return config.getOptionalString('delivery.scaffolder.pipelineToken');
}
