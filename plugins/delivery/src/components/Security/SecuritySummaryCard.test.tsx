import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { EntitySecuritySummaryCard } from './SecuritySummaryCard';
import { testEntity, testFinding, testGate, testTrend } from './testFindings';

const TREND_LABEL = 'Open findings over 90 days';

function renderCard(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          deliveryApiRef,
          {
            getFindingsTrend: jest.fn().mockResolvedValue({ points: [] }),
            ...api,
          },
        ],
      ]}
    >
      <EntityProvider entity={testEntity}>
        <EntitySecuritySummaryCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntitySecuritySummaryCard', () => {
  it('shows a failed gate with its reasons, open counts, overdue and secrets', async () => {
    const getSecurityGate = jest.fn().mockResolvedValue(
      testGate({
        passed: false,
        reasons: ['1 open critical finding', '2 overdue high findings'],
        open: { critical: 1, high: 4, medium: 0, low: 2, info: 0 },
        overdue: { critical: 0, high: 2, medium: 0, low: 0, info: 0 },
        openSecrets: 3,
      }),
    );
    const listFindings = jest
      .fn()
      .mockResolvedValue({ items: [testFinding()] });
    await renderCard({ getSecurityGate, listFindings });

    expect(await screen.findByText('Security gate failed')).toBeInTheDocument();
    expect(screen.queryByText('Security gate passed')).not.toBeInTheDocument();
    const reasons = screen.getByRole('list', { name: 'Gate failures' });
    expect(within(reasons).getAllByRole('listitem')).toHaveLength(2);
    expect(
      within(reasons).getByText('2 overdue high findings'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('1 critical severity')).toHaveTextContent(
      '1 Critical',
    );
    expect(screen.getByLabelText('4 high severity')).toBeInTheDocument();
    expect(screen.getByLabelText('2 low severity')).toBeInTheDocument();
    expect(screen.getByLabelText('0 medium severity')).toBeInTheDocument();
    expect(screen.getByText(/Overdue:/)).toHaveTextContent(
      'Overdue: 2 (2 high)',
    );
    expect(screen.getByText(/Open secrets:/)).toHaveTextContent(
      'Open secrets: 3',
    );
    expect(getSecurityGate).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
    // Whether the entity has any finding at all, whatever its status.
    expect(listFindings).toHaveBeenCalledWith(
      expect.not.objectContaining({ status: expect.anything() }),
    );
  });

  it('shows a passed gate without reasons', async () => {
    await renderCard({
      getSecurityGate: jest.fn().mockResolvedValue(
        testGate({
          open: { critical: 0, high: 0, medium: 1, low: 0, info: 0 },
        }),
      ),
      listFindings: jest.fn().mockResolvedValue({ items: [testFinding()] }),
    });
    expect(await screen.findByText('Security gate passed')).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Gate failures' }),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('1 medium severity')).toBeInTheDocument();
  });

  it('explains how to upload reports when the entity has no findings at all', async () => {
    await renderCard({
      getSecurityGate: jest.fn().mockResolvedValue(testGate()),
      listFindings: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      await screen.findByText('No findings reported yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('slipway-upload-findings')).toBeInTheDocument();
    expect(screen.queryByText(/Security gate/)).not.toBeInTheDocument();
    expect(document.body.textContent).toContain(
      '/api/delivery/entities/component/default/payments-api/findings?tool=trivy',
    );
    expect(document.body.textContent).toContain('--data-binary @');
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard({
      getSecurityGate: jest
        .fn()
        .mockRejectedValue(new Error('Not allowed: delivery.run.read')),
      listFindings: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      (await screen.findAllByText(/Not allowed: delivery.run.read/)).length,
    ).toBeGreaterThan(0);
  });

  it('draws the trend of open findings over 90 days under the counts', async () => {
    const getFindingsTrend = jest.fn().mockResolvedValue({
      points: testTrend([
        { critical: 1, high: 2, low: 4 },
        { critical: 1, high: 1, low: 3 },
        { high: 1, medium: 1 },
      ]),
    });
    await renderCard({
      getSecurityGate: jest.fn().mockResolvedValue(testGate()),
      listFindings: jest.fn().mockResolvedValue({ items: [testFinding()] }),
      getFindingsTrend,
    });

    const chart = await screen.findByRole('img', { name: TREND_LABEL });
    expect(chart.querySelectorAll('.recharts-area')).toHaveLength(3);
    expect(screen.getByText(/open now/)).toHaveTextContent(
      '2 open now (1 critical or high), 7 on Jan 1, 2026',
    );
    expect(getFindingsTrend).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      90,
    );
  });

  it('draws no trend when fewer than two days had open findings', async () => {
    const getFindingsTrend = jest.fn().mockResolvedValue({
      points: testTrend([{}, {}, { high: 1 }]),
    });
    await renderCard({
      getSecurityGate: jest.fn().mockResolvedValue(testGate()),
      listFindings: jest.fn().mockResolvedValue({ items: [testFinding()] }),
      getFindingsTrend,
    });
    expect(await screen.findByText('Security gate passed')).toBeInTheDocument();
    await waitFor(() => expect(getFindingsTrend).toHaveBeenCalled());
    expect(
      screen.queryByRole('img', { name: TREND_LABEL }),
    ).not.toBeInTheDocument();
  });

  it('still shows the gate when the trend cannot be read', async () => {
    const getFindingsTrend = jest
      .fn()
      .mockRejectedValue(new Error('trend unavailable'));
    await renderCard({
      getSecurityGate: jest.fn().mockResolvedValue(
        testGate({
          open: { critical: 2, high: 0, medium: 0, low: 0, info: 0 },
        }),
      ),
      listFindings: jest.fn().mockResolvedValue({ items: [testFinding()] }),
      getFindingsTrend,
    });
    expect(await screen.findByText('Security gate passed')).toBeInTheDocument();
    await waitFor(() => expect(getFindingsTrend).toHaveBeenCalled());
    expect(screen.getByLabelText('2 critical severity')).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: TREND_LABEL }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/trend unavailable/)).not.toBeInTheDocument();
  });

  it('shows the gate without waiting for the trend', async () => {
    await renderCard({
      getSecurityGate: jest.fn().mockResolvedValue(testGate()),
      listFindings: jest.fn().mockResolvedValue({ items: [testFinding()] }),
      getFindingsTrend: jest.fn(() => new Promise<never>(() => {})),
    });
    expect(await screen.findByText('Security gate passed')).toBeInTheDocument();
  });
});
