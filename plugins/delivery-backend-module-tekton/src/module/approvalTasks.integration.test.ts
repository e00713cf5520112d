import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { testApprovalTask } from '../approvals/testApprovalTasks';
import { FakeKubeApiServer, kubeResources, waitFor } from '../testing';
import { startTestPortal } from './__testUtils__/testPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const TASK_PATH =
  '/apis/openshift-pipelines.org/v1alpha1/namespaces/ci/approvaltasks/deploy-prod-approval';

describe.each(databases.eachSupportedId())(
  'manual-approval-gate ApprovalTasks through the portal on %p',
  databaseId => {
    let kube: FakeKubeApiServer;
    afterEach(async () => kube?.close());

    it('shows a cluster ApprovalTask as a request, writes a mapped user’s decision back as that user, and follows the controller’s verdict', async () => {
      kube = await FakeKubeApiServer.start({
        resources: [kubeResources.approvalTasks],
      });
      kube.put('approvaltasks', testApprovalTask());
      const server = await startTestPortal(
        kube,
        await databases.init(databaseId),
        {
          tekton: {
            approvalTasks: {
              identities: [{ userRef: ALICE, kubernetesUser: 'alice' }],
            },
          },
        },
      );
      const as = (user: string) => mockCredentials.user.header(user);
      const listed = async () =>
        (
          await request(server)
            .get(
              '/api/delivery/approvals?entityRef=component:default/payments-api',
            )
            .set('Authorization', as(ALICE))
        ).body.items ?? [];
      await waitFor(
        async () => (await listed()).length === 1,
        'the mirrored request',
        10_000,
      );
      const [mirrored] = await listed();
      expect(mirrored).toMatchObject({
        environment: 'production',
        revision: 'abc1234',
        state: 'pending',
        requestedBy: 'source:tekton-approvaltask',
        rules: [{ required: 2, eligible: [ALICE] }],
        external: {
          source: 'tekton-approvaltask',
          key: 'local/ci/deploy-prod-approval',
        },
      });

      // bob has no mapped identity: read-only, with the command to run
      const bobView = await request(server)
        .get(`/api/delivery/approvals/${mirrored.id}`)
        .set('Authorization', as(BOB));
      expect(bobView.body.viewer).toMatchObject({
        canDecide: false,
        command: 'tkn-approvaltask approve deploy-prod-approval -n ci',
      });
      const refused = await request(server)
        .post(`/api/delivery/approvals/${mirrored.id}/decisions`)
        .set('Authorization', as(BOB))
        .send({ decision: 'approve', comment: 'lgtm' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'tkn-approvaltask approve deploy-prod-approval -n ci',
      );
      expect(kube.writeRequests()).toEqual([]);

      const approved = await request(server)
        .post(`/api/delivery/approvals/${mirrored.id}/decisions`)
        .set('Authorization', as(ALICE))
        .send({ decision: 'approve', comment: 'canary is green' });
      expect(approved.status).toBe(201);
      expect(kube.writeRequests()).toEqual([
        expect.objectContaining({
          method: 'PATCH',
          path: TASK_PATH,
          contentType: 'application/json-patch+json',
          impersonate: { user: 'alice', groups: [] },
        }),
      ]);
      const inCluster = kube.get(
        'approvaltasks',
        'ci',
        'deploy-prod-approval',
      ) as ReturnType<typeof testApprovalTask>;
      expect(inCluster.spec?.approvers?.[0]).toEqual({
        name: 'alice',
        type: 'User',
        input: 'approve',
        message: 'canary is green',
      });
      expect(approved.body).toMatchObject({
        state: 'pending',
        decisions: [
          { userRef: ALICE, decision: 'approve', comment: 'canary is green' },
        ],
        viewer: { canDecide: false, reason: 'You have already decided' },
      });

      // the controller sees enough approvals and closes the task: Slipway follows
      kube.put('approvaltasks', {
        ...inCluster,
        status: { state: 'approved' },
      });
      await waitFor(
        async () => (await listed())[0]?.state === 'approved',
        'the approved verdict',
        10_000,
      );
    });
  },
);
