import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AddressInfo } from 'net';
import path from 'path';
import { deliveryPlugin } from '../plugin';
import {
  loadTask,
  startTaskScript,
  taskProblems,
} from '../__testUtils__/tektonTasks';

jest.setTimeout(60_000);

/*
 * Runs the step script of templates/tekton/slipway-upload-findings.yaml with Node, as the Task's
 * container would, against a real delivery backend.
 */
const task = loadTask('slipway-upload-findings');
const report = path.join(__dirname, '__fixtures__/small.sarif.json');

async function runStep(url: string, env: Record<string, string>) {
  const step = startTaskScript(task, {
    SLIPWAY_URL: url,
    REPORT_PATH: report,
    RUN_UID: 'run-42',
    ...env,
  });
  const { code, output } = await step.done;
  return { code, stdout: output, result: step.result };
}

describe('slipway-upload-findings Tekton Task', () => {
  it('is a Task that declares every param, result and workspace it uses', () => {
    expect(taskProblems(task)).toEqual([]);
  });

  it('uploads the report, writes its results and fails the step when the gate fails', async () => {
    const { server } = await startTestBackend({
      features: [
        deliveryPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-api', namespace: 'default' },
              spec: {},
            },
          ],
        }),
      ],
    });
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    const token = mockCredentials.service.token();

    const failing = await runStep(url, {
      SLIPWAY_TOKEN: token,
      ENTITY_REF: 'component:default/payments-api',
      FAIL_ON_GATE: 'true',
    });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('Uploaded sarif');
    expect(failing.stdout).toContain(
      'Security gate FAILED: 1 open critical finding(s)',
    );
    expect(failing.result('gate-passed')).toBe('false');
    expect(failing.result('summary')).toBe('new=2 fixed=0 reopened=0');

    const tolerated = await runStep(url, {
      SLIPWAY_TOKEN: token,
      ENTITY_REF: 'component:default/payments-api',
      FAIL_ON_GATE: 'false',
    });
    expect(tolerated.code).toBe(0);

    const refused = await runStep(url, {
      SLIPWAY_TOKEN: 'wrong',
      ENTITY_REF: 'component:default/payments-api',
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Slipway answered 401');

    const badRef = await runStep(url, {
      SLIPWAY_TOKEN: token,
      ENTITY_REF: 'payments-api',
    });
    expect(badRef.code).toBe(2);
  });
});
