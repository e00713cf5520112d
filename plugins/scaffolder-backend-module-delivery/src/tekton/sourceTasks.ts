import { IMAGES, scannerStep, testStepFor } from './images';
import { SLIPWAY_PARAMS, SLIPWAY_TASKS, slipwayTaskRef } from './slipwayTasks';
import { GenerateOptions, PipelineTask, Scanner } from './types';

const SOURCE = [{ name: 'source', workspace: 'source' }];
const IN_SOURCE = '$(workspaces.source.path)';

/** Reference to the commit the clone task checked out. */
export const COMMIT = '$(tasks.clone.results.commit)';

/** The image `build-image` pushed, by digest (what is scanned and deployed). */
export const IMAGE_BY_DIGEST =
  '$(params.image-repository)@$(tasks.build-image.results.IMAGE_DIGEST)';

/** `clone`: checks the pushed revision out into the source workspace and reports the commit. */
export function cloneTask(): PipelineTask {
  return {
    name: 'clone',
    params: [
      { name: 'url', value: '$(params.git-url)' },
      { name: 'revision', value: '$(params.git-revision)' },
    ],
    workspaces: SOURCE,
    taskSpec: {
      params: [{ name: 'url' }, { name: 'revision' }],
      workspaces: [{ name: 'source' }],
      results: [{ name: 'commit', description: 'The commit checked out' }],
      steps: [
        {
          name: 'clone',
          image: IMAGES.git,
          workingDir: IN_SOURCE,
          env: [
            { name: 'URL', value: '$(params.url)' },
            { name: 'REVISION', value: '$(params.revision)' },
          ],
          script: [
            '#!/bin/sh',
            'set -eu',
            'git config --global --add safe.directory "$PWD"',
            'git init -q .',
            'git remote add origin "$URL"',
            'git fetch -q --depth 1 origin "$REVISION"',
            'git checkout -q FETCH_HEAD',
            'mkdir -p reports',
            'git rev-parse HEAD | tr -d "\\n" > "$(results.commit.path)"',
            '',
          ].join('\n'),
        },
      ],
    },
  };
}

/** `test`: runs the project's tests with the language's usual command. */
export function testTask(options: GenerateOptions): PipelineTask {
  const step = testStepFor(options.language, options.runtimeVersion);
  return {
    name: 'test',
    runAfter: ['clone'],
    workspaces: SOURCE,
    taskSpec: {
      workspaces: [{ name: 'source' }],
      steps: [{ name: 'test', workingDir: IN_SOURCE, ...step }],
    },
  };
}

/**
 * `scan-<scanner>` writes the scanner's report under `reports/`, then `upload-<scanner>` sends it
 * to Slipway with the slipway-upload-findings Task, which fails when the security gate fails.
 */
export function scanTasks(
  scanner: Scanner,
  options: GenerateOptions,
): PipelineTask[] {
  const step = scannerStep(scanner, options.language, options.runtimeVersion);
  return [
    {
      name: `scan-${scanner}`,
      runAfter: ['clone'],
      workspaces: SOURCE,
      taskSpec: {
        workspaces: [{ name: 'source' }],
        steps: [
          {
            name: scanner,
            image: step.image,
            workingDir: IN_SOURCE,
            onError: 'continue',
            ...(step.script ? { script: step.script } : { args: step.args }),
          },
        ],
      },
    },
    {
      name: `upload-${scanner}`,
      runAfter: [`scan-${scanner}`],
      taskRef: slipwayTaskRef(SLIPWAY_TASKS.uploadFindings, options),
      params: [...SLIPWAY_PARAMS, { name: 'report-path', value: step.report }],
      workspaces: SOURCE,
    },
  ];
}

/**
 * `build-image`: builds the Dockerfile with kaniko and pushes `<repository>:<commit>`; reports
 * `IMAGE_URL` and `IMAGE_DIGEST` (which Slipway shows on the run).
 */
export function buildTask(runAfter: string[]): PipelineTask {
  return {
    name: 'build-image',
    runAfter,
    params: [{ name: 'image', value: `$(params.image-repository):${COMMIT}` }],
    workspaces: [
      ...SOURCE,
      { name: 'dockerconfig', workspace: 'dockerconfig' },
    ],
    taskSpec: {
      params: [{ name: 'image' }],
      workspaces: [
        { name: 'source' },
        { name: 'dockerconfig', optional: true },
      ],
      results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }],
      steps: [
        {
          name: 'build-and-push',
          image: IMAGES.kaniko,
          env: [
            { name: 'DOCKER_CONFIG', value: '$(workspaces.dockerconfig.path)' },
          ],
          args: [
            `--dockerfile=${IN_SOURCE}/Dockerfile`,
            `--context=${IN_SOURCE}`,
            '--destination=$(params.image)',
            '--digest-file=$(results.IMAGE_DIGEST.path)',
          ],
        },
        {
          name: 'image-url',
          image: IMAGES.busybox,
          env: [{ name: 'IMAGE', value: '$(params.image)' }],
          script: 'printf "%s" "$IMAGE" > "$(results.IMAGE_URL.path)"\n',
        },
      ],
    },
  };
}

/** Scope under which the image scan's findings are kept in Slipway (apart from the source scan). */
export const IMAGE_SCAN_TOOL = 'trivy-image';

/**
 * `scan-trivy-image` runs Trivy in `image` mode on the image `build-image` pushed, by digest
 * (pulled with the registry credentials when the dockerconfig workspace is bound), and writes
 * `reports/trivy-image.json`; `upload-trivy-image` sends it to Slipway with
 * slipway-upload-findings under the tool `trivy-image`, `target` the image. Deployments wait for
 * the upload, so a failed security gate stops them.
 */
export function imageScanTasks(options: GenerateOptions): PipelineTask[] {
  const report = 'reports/trivy-image.json';
  return [
    {
      name: 'scan-trivy-image',
      runAfter: ['build-image'],
      params: [{ name: 'image', value: IMAGE_BY_DIGEST }],
      workspaces: [
        ...SOURCE,
        { name: 'dockerconfig', workspace: 'dockerconfig' },
      ],
      taskSpec: {
        params: [{ name: 'image' }],
        workspaces: [
          { name: 'source' },
          { name: 'dockerconfig', optional: true },
        ],
        steps: [
          {
            name: 'trivy-image',
            image: IMAGES.trivy,
            workingDir: IN_SOURCE,
            onError: 'continue',
            env: [
              {
                name: 'DOCKER_CONFIG',
                value: '$(workspaces.dockerconfig.path)',
              },
            ],
            args: [
              'image',
              '--scanners',
              'vuln',
              '--format',
              'json',
              '--output',
              report,
              '$(params.image)',
            ],
          },
        ],
      },
    },
    {
      name: 'upload-trivy-image',
      runAfter: ['scan-trivy-image'],
      taskRef: slipwayTaskRef(SLIPWAY_TASKS.uploadFindings, options),
      params: [
        ...SLIPWAY_PARAMS,
        { name: 'report-path', value: report },
        { name: 'tool', value: IMAGE_SCAN_TOOL },
        { name: 'target', value: IMAGE_BY_DIGEST },
      ],
      workspaces: SOURCE,
    },
  ];
}
