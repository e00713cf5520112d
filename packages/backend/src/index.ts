/*
 * The Slipway portal backend: the Backstage core plugins a delivery portal needs, plus every
 * Slipway backend package.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use (see app-config.production.yaml for real providers)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
// publish:github, github:webhook and the other GitHub actions the templates use
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

// permissions: everyone reads what the catalog shows them, owners act on their entities
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@slipway/plugin-permission-backend-module-delivery-policy'),
);

// events, notifications and signals
backend.add(import('@backstage/plugin-events-backend'));
// GitHub and GitLab webhooks (POST /api/events/http/github, /gitlab); Slipway records the commits
// of default-branch pushes for DORA. Set events.modules.github.webhookSecret / gitlab.webhookSecret.
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Slipway
backend.add(import('@slipway/plugin-delivery-backend'));
backend.add(import('@slipway/plugin-delivery-backend-module-tekton'));
// GitHub Actions runs and deployments (reads integrations.github; logs once and idles without a token)
backend.add(import('@slipway/plugin-delivery-backend-module-github-actions'));
backend.add(import('@slipway/plugin-scaffolder-backend-module-delivery'));

backend.start();
