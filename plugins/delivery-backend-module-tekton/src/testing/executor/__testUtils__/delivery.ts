import { TaskHandler } from '../types';
import { pipeline, task } from './objects';

/** Plays `build`: two steps with logs, results IMAGE_URL and IMAGE_DIGEST. */
export const build: TaskHandler = () => ({
  succeeded: true,
  results: { IMAGE_URL: 'registry/payments:abc', IMAGE_DIGEST: 'sha256:1' },
  steps: [
    { name: 'build', exitCode: 0, log: 'building\n' },
    { name: 'push', exitCode: 0, log: 'pushed\n' },
  ],
});

/**
 * A delivery Pipeline shaped like the generated ones: build → deploy-staging (its TaskRun
 * labelled `slipway.dev/environment: staging` by `taskSpec.metadata`), a finally task, a
 * pipeline result, the component label.
 */
export const delivery = pipeline(
  'payments-delivery',
  {
    tasks: [
      task('build', {
        taskSpec: {
          results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }],
          steps: [
            { name: 'build', image: 'kaniko' },
            { name: 'push', image: 'crane' },
          ],
        },
      }),
      task('deploy-staging', {
        runAfter: ['build'],
        params: [{ name: 'image', value: '$(tasks.build.results.IMAGE_URL)' }],
        taskSpec: {
          metadata: { labels: { 'slipway.dev/environment': 'staging' } },
          params: [{ name: 'image' }],
        },
      }),
    ],
    finally: [task('notify')],
    results: [{ name: 'IMAGE_URL', value: '$(tasks.build.results.IMAGE_URL)' }],
  },
  { 'backstage.io/kubernetes-id': 'payments' },
);
