import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FakeKubeApiServer,
  allKubeResources,
} from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import { CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import scaffolderModuleDelivery from '../index';
import { SCAFFOLDER_TOKEN, SCAFFOLDER_USER } from './kubeCluster';

/** The repository's `templates/` folder. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

/** Every file below `dir`, as the dry-run API takes them (paths relative to `dir`). */
function directoryContents(dir: string, prefix = '') {
  const files: Array<{ path: string; base64Content: string }> = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...directoryContents(dir, relative));
    else if (relative !== 'template.yaml') {
      files.push({
        path: relative,
        base64Content: fs
          .readFileSync(path.join(dir, relative))
          .toString('base64'),
      });
    }
  }
  return files;
}

/** The values the form sends: each parameter's schema default, then what the user typed. */
function formValues(
  template: {
    spec: {
      parameters: Array<{ properties?: Record<string, { default?: unknown }> }>;
    };
  },
  typed: Record<string, unknown>,
) {
  const defaults: Record<string, unknown> = {};
  for (const page of template.spec.parameters) {
    for (const [key, property] of Object.entries(page.properties ?? {})) {
      if (property.default !== undefined) defaults[key] = property.default;
    }
  }
  return { ...defaults, ...typed };
}

/** What the dry-run API answers. */
export interface DryRunResponse {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  output: Record<string, unknown>;
  steps: Array<{ id: string; action: string }>;
  files: Map<string, string>;
  /** Namespaces on the cluster after the dry run (a dry run creates none). */
  namespacesAfter: string[];
}

/**
 * Runs a template of `templates/` through the real scaffolder backend's dry-run endpoint
 * (POST /api/scaffolder/v2/dry-run) with this module and the GitHub module installed, and the local
 * Kubernetes-protocol server as the only cluster (the ingestion's and, with its own token, the
 * scaffolder's); returns the
 * log, the output and the files the dry run left in the workspace. `values` are what the user
 * typed; the schema defaults are added as the form adds them.
 */
export async function dryRunTemplate(
  name: string,
  values: Record<string, unknown>,
  secrets: Record<string, string>,
): Promise<DryRunResponse> {
  const dir = path.join(TEMPLATES_DIR, name);
  const template = yaml.parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const cluster = await FakeKubeApiServer.start({
    resources: allKubeResources,
    users: { [SCAFFOLDER_TOKEN]: SCAFFOLDER_USER },
  });
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderGithubModule,
      scaffolderModuleDelivery,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          delivery: {
            scaffolder: {
              clusters: [
                { name: 'local', serviceAccountToken: SCAFFOLDER_TOKEN },
              ],
            },
          },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'local',
                    url: cluster.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: cluster.token,
                  },
                ],
              },
            ],
          },
          // a token so the GitHub actions can build their client; the dry run never calls GitHub
          integrations: {
            github: [{ host: 'github.com', token: 'dry-run-only' }],
          },
        },
      }),
    ],
  });
  try {
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: formValues(template, values),
        secrets,
        directoryContents: directoryContents(dir),
      });
    if (res.status !== 200) {
      throw new Error(
        `dry run answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    const files = new Map<string, string>(
      res.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    const namespaces = await cluster
      .kubeConfig()
      .makeApiClient(CoreV1Api)
      .listNamespace();
    return {
      ...res.body,
      files,
      namespacesAfter: namespaces.items.map(n => n.metadata?.name ?? ''),
    };
  } finally {
    await backend.stop();
    await cluster.stop();
  }
}
