import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AddressInfo } from 'net';
import request from 'supertest';
import {
  loadTask,
  startTaskScript,
  taskProblems,
} from '../__testUtils__/tektonTasks';
import { users } from './__testUtils__/approvalCatalog';
import { startApprovalBackend } from './__testUtils__/approvalBackend';

/*
 * templates/tekton/slipway-approval-gate.yaml: checked as Tekton would read it, and its step
 * script run with Node against a real backend while people decide through the API.
 */

jest.setTimeout(60_000);

const task = loadTask('slipway-approval-gate');
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function waitFor<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('timed out waiting');
}

describe('slipway-approval-gate Tekton Task', () => {
  let server: Awaited<ReturnType<typeof startApprovalBackend>>['server'];
  let url: string;

  beforeAll(async () => {
    ({ server } = await startApprovalBackend(await databases.init('SQLITE_3')));
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const gate = (env: Record<string, string> = {}) =>
    startTaskScript(task, {
      SLIPWAY_URL: url,
      SLIPWAY_TOKEN: mockCredentials.service.token(),
      ENTITY_REF: 'component:default/payments-api',
      ENVIRONMENT: 'staging',
      REVISION: 'abc1234',
      VERSION: '$(params.version)',
      TRIGGERED_BY: users.ada,
      COMMIT_AUTHORS: 'dan@example.com',
      POLL_SECONDS: '0.05',
      TIMEOUT_MINUTES: '1',
      RUN_UID: 'run-7',
      ...env,
    });
  const decide = (id: string, decision: string) =>
    request(server)
      .post(`/api/delivery/approvals/${id}/decisions`)
      .set('Authorization', mockCredentials.user.header(users.finn))
      .send({ decision, comment: `${decision} from the test` })
      .expect(201);

  it('is a Task that declares every param, result and workspace it uses', () => {
    expect(task.metadata.name).toBe('slipway-approval-gate');
    expect(taskProblems(task)).toEqual([]);
  });

  it('waits for the decision and succeeds when approved', async () => {
    const step = gate();
    const id = await waitFor(() => step.result('request-id'));
    await new Promise(r => setTimeout(r, 150)); // a few polls while pending
    expect(step.result('state')).toBeUndefined();
    await decide(id, 'approve');
    const { code, output } = await step.done;
    expect(output).toContain('Owners: 1 of user:default/finn');
    expect(output).toContain(
      'user:default/finn approved: approve from the test',
    );
    expect({ code, state: step.result('state') }).toEqual({
      code: 0,
      state: 'approved',
    });
  });

  it('fails the TaskRun when the promotion is rejected', async () => {
    const step = gate();
    await decide(await waitFor(() => step.result('request-id')), 'reject');
    const { code, output } = await step.done;
    expect(output).toContain('Promotion rejected');
    expect({ code, state: step.result('state') }).toEqual({
      code: 1,
      state: 'rejected',
    });
  });

  it('cancels its request and fails when nobody decides in time', async () => {
    const step = gate({ TIMEOUT_MINUTES: '0.002' });
    const { code, output } = await step.done;
    expect(code).toBe(1);
    expect(output).toContain('request cancelled');
    const id = step.result('request-id');
    const res = await request(server)
      .get(`/api/delivery/approvals/${id}`)
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    expect(res.body.state).toBe('cancelled');
  });

  it('fails with what Slipway said when the request is refused', async () => {
    const { code, output } = await gate({ ENVIRONMENT: 'moon' }).done;
    expect(code).toBe(1);
    expect(output).toMatch(
      /Slipway answered 400: .*lists no environment 'moon'/,
    );
  });
});
