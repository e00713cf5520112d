import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { EntitySecuritySummaryCard } from './SecuritySummaryCard';
import { testEntity, testFinding, testGate } from './testFindings';

function renderCard(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
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
});
