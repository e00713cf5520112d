import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generateProject, serialise } from '../tekton/generateProject';
import { resolveOptions } from '../tekton/options';
import {
  LANGUAGES,
  METRIC_OPERATORS,
  ML_STAGES,
  SCANNERS,
  TIERS,
} from '../tekton/types';
import { examples } from './generateTekton.examples';

const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_MESSAGE = 'must be a lower-case DNS label (a-z, 0-9, -)';

/**
 * `delivery:tekton:generate` — writes a Tekton pipeline wired to Slipway into the workspace:
 * the delivery Pipeline, the deploy Pipeline (one environment at one revision), Triggers
 * (EventListener with the GitHub or GitLab interceptor), a PipelineRun to start by hand and
 * per-environment deploy manifests; checks them before writing.
 *
 * @public
 */
export function createGenerateTektonAction(options: { config: Config }) {
  const backendUrl = options.config.getOptionalString('backend.baseUrl');
  return createTemplateAction({
    id: 'delivery:tekton:generate',
    description:
      'Generates a Tekton pipeline (build, test, scan, ML stages, gated deployments), its Triggers and deploy manifests into the workspace',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .max(40)
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .describe(
              'Component name; names the pipeline, triggers and workloads',
            ),
        kind: z =>
          z
            .enum(['service', 'ml'])
            .describe(
              '`service` deploys a Deployment; `ml` adds train, validate and register and serves with KServe',
            ),
        language: z =>
          z
            .enum(LANGUAGES)
            .optional()
            .describe(
              'Language whose tests the pipeline runs (default python)',
            ),
        runtimeVersion: z =>
          z
            .string()
            .regex(/^[\w.-]+$/)
            .optional()
            .describe('Runtime version, e.g. 3.12 for Python, 22 for Node.js'),
        imageRepository: z =>
          z
            .string()
            .min(1)
            .regex(
              /^[^\s:@]+(:\d+)?(\/[^\s:@]+)*$/,
              'must be an image repository without tag',
            )
            .describe(
              'Image repository to push to, without tag, e.g. registry.example.com/team/app',
            ),
        gitUrl: z =>
          z
            .string()
            .url()
            .describe(
              'Clone URL of the repository (the manual PipelineRun uses it)',
            ),
        environments: z =>
          z
            .array(
              z.object({
                name: z
                  .string()
                  .max(20)
                  .regex(KUBERNETES_NAME, NAME_MESSAGE)
                  .describe('Environment name, e.g. staging'),
                tier: z.enum(TIERS).describe('Tier of the environment'),
                namespace: z
                  .string()
                  .max(63)
                  .regex(KUBERNETES_NAME, NAME_MESSAGE)
                  .optional()
                  .describe(
                    'Namespace to deploy into (default <name>-<environment>)',
                  ),
                approval: z
                  .boolean()
                  .optional()
                  .describe(
                    'Wait for a Slipway approval before deploying (default: every tier but development)',
                  ),
                canary: z
                  .boolean()
                  .optional()
                  .describe(
                    'ML only: serve a new model to canaryTrafficPercent of the traffic, check it, then promote it (default: production tier)',
                  ),
              }),
            )
            .optional()
            .describe(
              'Environments in promotion order (default dev, staging, production)',
            ),
        scanners: z =>
          z
            .array(z.enum(SCANNERS))
            .optional()
            .describe(
              'Scanners whose reports are uploaded to Slipway (default trivy)',
            ),
        mlStages: z =>
          z
            .array(z.enum(ML_STAGES))
            .optional()
            .describe('ML stages to run (default train, validate, register)'),
        promotionMetric: z =>
          z
            .string()
            .optional()
            .describe(
              `Metric the validate stage must reach, e.g. 'accuracy >= 0.8' (operators ${METRIC_OPERATORS.join(
                ' ',
              )})`,
            ),
        modelStorageUri: z =>
          z
            .string()
            .optional()
            .describe(
              'Where models are registered without MLflow; the commit is appended (default s3://models/<name>)',
            ),
        mlflowTrackingUri: z =>
          z
            .string()
            .optional()
            .describe(
              'MLflow tracking server to register the model in (the pipeline param mlflow-tracking-uri); empty: modelStorageUri',
            ),
        mlflowSecretName: z =>
          z
            .string()
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .optional()
            .describe(
              'Optional Secret in the CI namespace whose keys become the MLflow step environment, e.g. MLFLOW_TRACKING_TOKEN, AWS_ACCESS_KEY_ID (default mlflow-credentials)',
            ),
        canaryTrafficPercent: z =>
          z
            .number()
            .int()
            .min(0)
            .max(99)
            .optional()
            .describe(
              'Share of the traffic a new model gets first in canary environments (KServe canaryTrafficPercent; default 10, 0: no canary)',
            ),
        canarySoakSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(86400)
            .optional()
            .describe(
              'How long the canary is watched before it is promoted (default 300)',
            ),
        gitProvider: z =>
          z
            .enum(['github', 'gitlab'])
            .optional()
            .describe(
              'Which webhook interceptor the EventListener uses (default github)',
            ),
        defaultBranch: z =>
          z
            .string()
            .optional()
            .describe('Branch whose pushes start the pipeline (default main)'),
        ciNamespace: z =>
          z
            .string()
            .max(63)
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .optional()
            .describe(
              'Namespace of the pipeline and triggers (default <name>-ci)',
            ),
        serviceAccountName: z =>
          z
            .string()
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .optional()
            .describe(
              'ServiceAccount the runs and the EventListener use (default <name>-pipeline)',
            ),
        webhookSecretName: z =>
          z
            .string()
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .optional()
            .describe(
              'Secret holding the webhook secret (default <name>-webhook)',
            ),
        webhookSecretKey: z =>
          z
            .string()
            .optional()
            .describe(
              'Key of the webhook secret in that Secret (default secret)',
            ),
        registrySecretName: z =>
          z
            .string()
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .optional()
            .describe(
              'dockerconfigjson Secret with push credentials for the registry',
            ),
        slipwayUrl: z =>
          z
            .string()
            .url()
            .optional()
            .describe(
              'Slipway (Backstage backend) URL the pipeline reports to (default backend.baseUrl)',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Catalog entity the runs, findings and approvals belong to (default component:default/<name>)',
            ),
        slipwayTasksNamespace: z =>
          z
            .string()
            .regex(KUBERNETES_NAME, NAME_MESSAGE)
            .optional()
            .describe(
              'Namespace holding the Slipway Tasks (cluster resolver); omit when they are in the CI namespace',
            ),
        port: z =>
          z
            .number()
            .int()
            .min(1)
            .max(65535)
            .optional()
            .describe('Port the application listens on (default 8080)'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory in the workspace to write into (default the workspace root)',
            ),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
        pipelineName: z =>
          z.string().describe('Name of the generated Pipeline'),
        deployPipelineName: z =>
          z
            .string()
            .describe(
              'Name of the generated Pipeline that deploys one environment at one revision',
            ),
        catalogAnnotations: z =>
          z
            .record(z.string(), z.string())
            .describe(
              "Annotations for the component's catalog-info.yaml naming the deploy pipeline",
            ),
        eventListenerName: z =>
          z.string().describe('Name of the generated EventListener'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const slipwayUrl = input.slipwayUrl ?? backendUrl;
      if (!slipwayUrl) {
        throw new InputError(
          'slipwayUrl is required when backend.baseUrl is not configured',
        );
      }
      const resolved = resolveOptions(input, { slipwayUrl });
      const project = generateProject(resolved, {
        gitUrl: input.gitUrl,
        registrySecretName: input.registrySecretName,
      });
      if (project.problems.length > 0) {
        throw new InputError(
          `The generated pipeline is not valid: ${project.problems.join('; ')}`,
        );
      }
      const target = input.targetPath ?? '.';
      const written: string[] = [];
      for (const file of project.files) {
        const relative = path.posix.join(target, file.path);
        const absolute = resolveSafeChildPath(ctx.workspacePath, relative);
        await fs.mkdir(path.dirname(absolute), { recursive: true });
        await fs.writeFile(absolute, serialise(file.documents), 'utf8');
        written.push(relative);
      }
      ctx.logger.info(
        `Wrote ${written.length} files: Pipelines ${project.pipelineName} and ${
          project.deployPipelineName
        }, EventListener ${project.eventListenerName}${
          ctx.isDryRun ? ' (dry run: workspace only)' : ''
        }`,
      );
      ctx.output('files', written);
      ctx.output('pipelineName', project.pipelineName);
      ctx.output('deployPipelineName', project.deployPipelineName);
      ctx.output('catalogAnnotations', project.catalogAnnotations);
      ctx.output('eventListenerName', project.eventListenerName);
    },
  });
}
