import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFile } from 'child_process';
import fs from 'fs';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { deliveryPlugin } from '../plugin';

jest.setTimeout(60_000);

/*
 * Runs the step script of templates/tekton/slipway-upload-findings.yaml with Node, as the Task's
 * container would, against a real delivery backend.
 */
const taskFile = path.resolve(
  __dirname,
  '../../../../templates/tekton/slipway-upload-findings.yaml',
);
const task = parse(fs.readFileSync(taskFile, 'utf8'));
const report = path.join(__dirname, '__fixtures__/small.sarif.json');

function declaredParamsAreTheOnesUsed() {
  const declared = new Set(
    task.spec.params.map((p: { name: string }) => p.name),
  );
  const used = [
    ...JSON.stringify(task).matchAll(/\$\(params\.([a-z-]+)\)/g),
  ].map(m => m[1]);
  return { declared, used };
}

async function runStep(url: string, env: Record<string, string>) {
  const results = fs.mkdtempSync(path.join(os.tmpdir(), 'results-'));
  const script = task.spec.steps[0].script as string;
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', script],
      {
        env: {
          PATH: process.env.PATH,
          SLIPWAY_URL: url,
          REPORT_PATH: report,
          RESULTS_DIR: results,
          RUN_UID: 'run-42',
          ...env,
        },
      },
    );
    return { code: 0, stdout, results };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: `${e.stdout}${e.stderr}`, results };
  }
}

describe('slipway-upload-findings Tekton Task', () => {
  it('declares every param it uses', () => {
    const { declared, used } = declaredParamsAreTheOnesUsed();
    expect(task.kind).toBe('Task');
    for (const name of used) expect(declared).toContain(name);
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
    expect(
      fs.readFileSync(path.join(failing.results, 'gate-passed'), 'utf8'),
    ).toBe('false');
    expect(fs.readFileSync(path.join(failing.results, 'summary'), 'utf8')).toBe(
      'new=2 fixed=0 reopened=0',
    );

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
