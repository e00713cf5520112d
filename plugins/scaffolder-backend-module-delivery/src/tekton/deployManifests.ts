import { LABEL_DELIVERY_ENVIRONMENT } from '@slipway/plugin-delivery-common';
import { deployDir } from './deployTasks';
import { componentLabels } from './labels';
import {
  EnvironmentOptions,
  GenerateOptions,
  GeneratedFile,
  KubeObject,
  Tier,
} from './types';

const REPLICAS: Record<Tier, number> = {
  development: 1,
  staging: 2,
  production: 3,
};

/** Requests and limits (environments get a LimitRange and ResourceQuota, so set both). */
const RESOURCES = {
  requests: { cpu: '100m', memory: '256Mi' },
  limits: { cpu: '1', memory: '1Gi' },
};

function metadata(options: GenerateOptions, env: EnvironmentOptions) {
  return {
    name: options.name,
    namespace: env.namespace,
    labels: {
      ...componentLabels(options),
      [LABEL_DELIVERY_ENVIRONMENT]: env.name,
    },
  };
}

/**
 * The image in the manifests until a pipeline run deploys: the deploy task replaces it with the
 * image it built, by digest.
 */
function placeholderImage(options: GenerateOptions) {
  return `${options.imageRepository}:latest`;
}

/** A service's Deployment and Service in one environment. */
export function serviceManifests(
  options: GenerateOptions,
  env: EnvironmentOptions,
): GeneratedFile[] {
  const selector = { 'app.kubernetes.io/name': options.name };
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(options, env),
    spec: {
      replicas: REPLICAS[env.tier],
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: metadata(options, env).labels },
        spec: {
          containers: [
            {
              name: options.name,
              image: placeholderImage(options),
              ports: [{ name: 'http', containerPort: options.port }],
              env: [{ name: 'ENVIRONMENT', value: env.name }],
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
              resources: RESOURCES,
            },
          ],
        },
      },
    },
  };
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(options, env),
    spec: {
      selector,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
  return [
    { path: `${deployDir(env)}/deployment.yaml`, documents: [deployment] },
    { path: `${deployDir(env)}/service.yaml`, documents: [service] },
  ];
}

/**
 * A model's KServe InferenceService (serving.kserve.io/v1beta1) in one environment: the built
 * image serves the model KServe's storage initializer fetches from `STORAGE_URI` (the registered
 * model; the deploy task sets it).
 */
export function inferenceServiceManifest(
  options: GenerateOptions,
  env: EnvironmentOptions,
): GeneratedFile {
  const registered = options.ml.stages.includes('register');
  const isvc: KubeObject = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: metadata(options, env),
    spec: {
      predictor: {
        minReplicas: REPLICAS[env.tier],
        containers: [
          {
            name: 'kserve-container',
            image: placeholderImage(options),
            ports: [{ containerPort: options.port, protocol: 'TCP' }],
            env: [
              ...(registered
                ? [
                    {
                      name: 'STORAGE_URI',
                      value: `${options.ml.modelStorageUri.replace(
                        /\/$/,
                        '',
                      )}/latest`,
                    },
                  ]
                : []),
              { name: 'ENVIRONMENT', value: env.name },
            ],
            resources: RESOURCES,
          },
        ],
      },
    },
  };
  return { path: `${deployDir(env)}/inferenceservice.yaml`, documents: [isvc] };
}

/** Every environment's deploy manifests. */
export function deployManifests(options: GenerateOptions): GeneratedFile[] {
  return options.environments.flatMap(env =>
    options.kind === 'ml'
      ? [inferenceServiceManifest(options, env)]
      : serviceManifests(options, env),
  );
}
