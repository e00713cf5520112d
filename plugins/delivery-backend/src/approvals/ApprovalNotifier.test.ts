import { mockServices } from '@backstage/backend-test-utils';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';
import { ApprovalNotifier } from './ApprovalNotifier';

const request = (
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest => ({
  id: 'req-1',
  entityRef: 'component:default/payments-api',
  environment: 'production',
  environmentRef: 'resource:default/production',
  tier: 'production',
  revision: 'abc1234def5678abc',
  state: 'pending',
  requestedBy: 'user:default/ada',
  excluded: ['user:default/ada'],
  createdAt: '2026-11-02T10:00:00.000Z',
  expiresAt: '2026-11-03T10:00:00.000Z',
  rules: [
    {
      name: 'RM',
      required: 1,
      eligible: ['user:default/bruno', 'user:default/carla'],
      approvedBy: [],
      satisfied: false,
    },
    {
      name: 'Owners',
      required: 1,
      eligible: ['user:default/bruno'],
      approvedBy: [],
      satisfied: false,
    },
  ],
  gates: [],
  decisions: [],
  ...overrides,
});

describe('ApprovalNotifier', () => {
  const link = (r: ApprovalRequest) => `/approvals/${r.id}`;

  it('tells every eligible approver once about a new request, and the requester when it closes', async () => {
    const send = jest.fn().mockResolvedValue(undefined);
    const notifier = new ApprovalNotifier(
      { send },
      mockServices.logger.mock(),
      link,
    );
    await notifier.requested(request());
    await notifier.closed(request({ state: 'rejected' }));
    expect(
      send.mock.calls.map(([n]) => [
        n.recipients.entityRef,
        n.payload.title,
        n.payload.severity,
      ]),
    ).toEqual([
      [
        ['user:default/bruno', 'user:default/carla'],
        'Approval needed: payments-api to production',
        'high',
      ],
      [
        ['user:default/ada'],
        'Promotion rejected: payments-api to production',
        'high',
      ],
    ]);
    expect(send.mock.calls[0][0].payload).toMatchObject({
      link: '/approvals/req-1',
      topic: 'slipway-approvals',
      description:
        'user:default/ada asks to promote revision abc1234 of component:default/payments-api to production.',
    });
  });

  it('says nothing about requests approved at once, or to pipelines', async () => {
    const send = jest.fn();
    const notifier = new ApprovalNotifier(
      { send },
      mockServices.logger.mock(),
      link,
    );
    await notifier.requested(request({ state: 'approved' }));
    await notifier.closed(
      request({ state: 'approved', requestedBy: 'service:external:ci' }),
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('logs and carries on when the notifications backend cannot be reached', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new ApprovalNotifier(
      { send: jest.fn().mockRejectedValue(new Error('connect ECONNREFUSED')) },
      logger,
      link,
    );
    await expect(notifier.requested(request())).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not notify about approval request req-1: Error: connect ECONNREFUSED',
      ),
    );
  });
});
