import { Config } from '@backstage/config';

const hasValue = (value?: string) => Boolean(value?.trim());

/**
 * Which SCM webhooks arrive signed: the GitHub events module checks `X-Hub-Signature-256` only
 * with `events.modules.github.webhookSecret` (or a GitHub App's `webhookSecret`), the GitLab one
 * checks `X-Gitlab-Token` only with `events.modules.gitlab.webhookSecret`. Without one, the
 * events backend passes unsigned payloads on.
 */
export function signedScmSources(config: Config): {
  github: boolean;
  gitlab: boolean;
} {
  const apps = (config.getOptionalConfigArray('integrations.github') ?? [])
    .flatMap(i => i.getOptionalConfigArray('apps') ?? [])
    .filter(app => hasValue(app.getOptionalString('webhookSecret')));
  return {
    github:
      hasValue(
        config.getOptionalString('events.modules.github.webhookSecret'),
      ) || apps.length > 0,
    gitlab: hasValue(
      config.getOptionalString('events.modules.gitlab.webhookSecret'),
    ),
  };
}
