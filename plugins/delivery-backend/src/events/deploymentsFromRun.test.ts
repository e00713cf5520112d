import { TaskRun } from '@slipway/plugin-delivery-common';
import { makeRun } from '../database/testRuns';
import {
  deploymentsFromRun,
  runDeploymentId,
  runUidOfDeployment,
} from './deploymentsFromRun';

const deployTask = (
  environment: string,
  overrides: Partial<TaskRun> = {},
): TaskRun => ({
  name: `r1-deploy-${environment}`,
  pipelineTaskName: `deploy-${environment}`,
  status: 'succeeded',
  retries: 0,
  isFinally: false,
  startedAt: '2026-11-01T10:01:00.000Z',
  completedAt: '2026-11-01T10:02:00.000Z',
  environment,
  ...overrides,
});

describe('deploymentsFromRun', () => {
  it('makes one deployment per finished deploy task, from the task results, and none for the run', () => {
    const run = makeRun({
      uid: 'r1',
      entityRef: 'Component:default/Fraud-Model',
      status: 'running',
      completedAt: undefined,
      environment: 'production',
      image: { digest: 'sha256:run' },
      tasks: [
        {
          name: 'r1-build',
          pipelineTaskName: 'build',
          status: 'succeeded',
          retries: 0,
          isFinally: false,
        },
        deployTask('dev', {
          results: [
            { name: 'revision', value: 'c1' },
            { name: 'version', value: '1.2.0' },
          ],
        }),
        deployTask('staging', {
          status: 'failed',
          results: [{ name: 'image', value: 'reg/fraud@sha256:img' }],
        }),
        deployTask('production', {
          status: 'running',
          completedAt: undefined,
        }),
      ],
    });
    expect(deploymentsFromRun(run)).toEqual([
      {
        id: 'run:r1#deploy-dev',
        entityRef: 'component:default/fraud-model',
        environment: 'dev',
        status: 'success',
        startedAt: '2026-11-01T10:01:00.000Z',
        finishedAt: '2026-11-01T10:02:00.000Z',
        commitSha: 'c1',
        version: '1.2.0',
      },
      expect.objectContaining({
        id: 'run:r1#deploy-staging',
        environment: 'staging',
        status: 'failed',
        commitSha: 'a'.repeat(40),
        version: 'sha256:img',
      }),
    ]);
  });

  it('counts a run to its environment once, beside deploy tasks to other environments', () => {
    const run = makeRun({
      uid: 'r3',
      environment: 'staging',
      tasks: [deployTask('dev')],
    });
    expect(deploymentsFromRun(run).map(d => d.id)).toEqual([
      'run:r3#deploy-dev',
      'run:r3',
    ]);
    const alsoStaging = {
      ...run,
      tasks: [deployTask('dev'), deployTask('staging')],
    };
    expect(deploymentsFromRun(alsoStaging).map(d => d.id)).toEqual([
      'run:r3#deploy-dev',
      'run:r3#deploy-staging',
    ]);
  });

  it('makes one deployment of a finished run to an environment without deploy tasks', () => {
    const run = makeRun({
      uid: 'r2',
      environment: 'staging',
      image: { digest: 'sha256:run' },
    });
    expect(deploymentsFromRun(run)).toEqual([
      expect.objectContaining({
        id: 'run:r2',
        environment: 'staging',
        status: 'success',
        version: 'sha256:run',
      }),
    ]);
    expect(
      deploymentsFromRun({ ...run, status: 'running', completedAt: undefined }),
    ).toEqual([]);
    expect(deploymentsFromRun({ ...run, entityRef: undefined })).toEqual([]);
    expect(deploymentsFromRun({ ...run, environment: undefined })).toEqual([]);
  });

  it('finds the run behind a deployment id', () => {
    expect(runUidOfDeployment(runDeploymentId('u-1', 'deploy-dev'))).toBe(
      'u-1',
    );
    expect(runUidOfDeployment(runDeploymentId('u-1'))).toBe('u-1');
    expect(runUidOfDeployment('posted-by-ci')).toBeUndefined();
  });
});
