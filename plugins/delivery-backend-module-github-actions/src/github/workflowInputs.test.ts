import { ConflictError, InputError } from '@backstage/errors';
import {
  CI_WORKFLOW,
  DEPLOY_WORKFLOW,
} from '../__testUtils__/workflowFixtures';
import { dispatchInputs, readDispatchableWorkflow } from './workflowInputs';

const WHAT = 'workflow deploy.yml of acme/notification-service';

describe('readDispatchableWorkflow', () => {
  it('maps workflow_dispatch inputs of every type to string params, defaults as strings', () => {
    const workflow = readDispatchableWorkflow(DEPLOY_WORKFLOW, 'Deploy');
    expect(workflow.name).toBe('Deploy');
    expect(workflow.inputs.map(i => i.spec)).toEqual([
      {
        name: 'environment',
        type: 'string',
        description: 'Where to deploy',
        default: 'staging',
        options: ['staging', 'production'],
      },
      // required without default: no default, the start form must ask for it
      { name: 'version', type: 'string', description: 'Image tag to deploy' },
      {
        name: 'dry_run',
        type: 'string',
        description: 'Only print the plan',
        default: 'false',
        options: ['true', 'false'],
      },
      { name: 'replicas', type: 'string', default: '3' },
      // optional without default: what the workflow sees when it is left out
      { name: 'target', type: 'string', default: '' },
      {
        name: 'note',
        type: 'string',
        description: "Free text for the run's summary",
        default: '',
      },
    ]);
    expect(
      workflow.inputs.map(i => [i.name, i.type, i.required, i.hasDefault]),
    ).toEqual([
      ['environment', 'choice', true, true],
      ['version', 'string', true, false],
      ['dry_run', 'boolean', false, true],
      ['replicas', 'number', false, true],
      ['target', 'environment', false, false],
      ['note', 'string', false, false],
    ]);
  });

  it('keeps a required boolean with default true, and an optional boolean without one as false', () => {
    const workflow = readDispatchableWorkflow(
      `on:
  workflow_dispatch:
    inputs:
      force: { type: boolean, required: true, default: true }
      verbose: { type: boolean }
`,
      'w',
    );
    expect(workflow.inputs.map(i => i.spec)).toEqual([
      {
        name: 'force',
        type: 'string',
        default: 'true',
        options: ['true', 'false'],
      },
      {
        name: 'verbose',
        type: 'string',
        default: 'false',
        options: ['true', 'false'],
      },
    ]);
  });

  it('accepts workflow_dispatch without inputs, as a key, a string or in a list', () => {
    for (const on of [
      'on:\n  workflow_dispatch:\n  push:',
      'on: workflow_dispatch',
      'on: [push, workflow_dispatch]',
    ]) {
      expect(readDispatchableWorkflow(`${on}\njobs: {}\n`, 'w').inputs).toEqual(
        [],
      );
    }
  });

  it('refuses a workflow without workflow_dispatch, saying what to add', () => {
    const error = (() => {
      try {
        return readDispatchableWorkflow(CI_WORKFLOW, 'Workflow ci.yml');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(
      "Workflow ci.yml cannot be started by hand: it has no workflow_dispatch trigger. Add 'workflow_dispatch:' (with any inputs it takes) under 'on:' in the workflow file",
    );
    // workflow_call alone is no manual trigger either
    expect(() =>
      readDispatchableWorkflow('on:\n  workflow_call:\n', 'w'),
    ).toThrow(ConflictError);
  });

  it('refuses a file that is not valid YAML', () => {
    expect(() =>
      readDispatchableWorkflow('on: [push\njobs:', 'Workflow x.yml'),
    ).toThrow(/^Workflow x.yml is not valid YAML/);
  });
});

describe('dispatchInputs', () => {
  const workflow = readDispatchableWorkflow(DEPLOY_WORKFLOW, 'Deploy');

  it('answers the given values as strings, leaving the others to their defaults', () => {
    expect(
      dispatchInputs(
        workflow,
        [
          { name: 'version', value: '1.4.2' },
          { name: 'environment', value: 'production' },
          { name: 'dry_run', value: 'true' },
          { name: 'replicas', value: '5' },
        ],
        WHAT,
      ),
    ).toEqual({
      version: '1.4.2',
      environment: 'production',
      dry_run: 'true',
      replicas: '5',
    });
  });

  it('rejects an input the workflow does not declare, naming it and the declared ones', () => {
    expect(() =>
      dispatchInputs(
        workflow,
        [
          { name: 'version', value: '1.4.2' },
          { name: 'region', value: 'eu' },
        ],
        WHAT,
      ),
    ).toThrow(
      new InputError(
        "workflow deploy.yml of acme/notification-service has no input 'region'; its inputs are 'environment', 'version', 'dry_run', 'replicas', 'target', 'note'",
      ),
    );
    const none = readDispatchableWorkflow('on: workflow_dispatch', 'w');
    expect(() =>
      dispatchInputs(none, [{ name: 'x', value: '1' }], 'w'),
    ).toThrow("w has no input 'x'; it declares no inputs");
  });

  it('rejects values a choice, boolean or number input does not take, and lists', () => {
    const given = (name: string, value: string | string[]) => () =>
      dispatchInputs(
        workflow,
        [
          { name: 'version', value: '1' },
          { name, value },
        ],
        WHAT,
      );
    expect(given('environment', 'qa')).toThrow(
      "Input 'environment' of workflow deploy.yml of acme/notification-service must be one of 'staging', 'production', got 'qa'",
    );
    expect(given('dry_run', 'yes')).toThrow(
      "must be 'true' or 'false', got 'yes'",
    );
    expect(given('replicas', 'three')).toThrow("must be a number, got 'three'");
    expect(given('note', ['a', 'b'])).toThrow(
      "Input 'note' of workflow deploy.yml of acme/notification-service takes one string value",
    );
  });

  it('requires required inputs without default', () => {
    expect(() =>
      dispatchInputs(
        workflow,
        [{ name: 'environment', value: 'staging' }],
        WHAT,
      ),
    ).toThrow(
      new InputError(
        "workflow deploy.yml of acme/notification-service needs a value for 'version': required and without default",
      ),
    );
    expect(() =>
      dispatchInputs(workflow, [{ name: 'version', value: '' }], WHAT),
    ).toThrow(InputError);
  });
});
