import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { DoraRequest, DeliveryApi, deliveryApiRef } from '../../api';
import { EntityDoraCard } from './EntityDoraCard';
import { emptyMetrics, testEntity, testReport, testSeries } from './testDora';

function renderCard(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <EntityProvider entity={testEntity}>
        <EntityDoraCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const metric = (name: string) => screen.getByRole('group', { name });
const DAY = 86_400_000;

describe('EntityDoraCard', () => {
  it('shows each raw value beside its band, and a 12-week sparkline per metric', async () => {
    const getDora = jest.fn(async (request: DoraRequest) =>
      request.series === 'week'
        ? testReport({ series: testSeries(12) })
        : testReport({ warnings: ['2 negative lead-time samples dropped'] }),
    );
    await renderCard({ getDora });

    expect(await screen.findByText('DORA (last 30 days)')).toBeInTheDocument();
    const leadTime = metric('Change lead time');
    expect(within(leadTime).getByText('5h 0m')).toBeInTheDocument();
    expect(
      within(leadTime).getByLabelText('Change lead time band: elite'),
    ).toHaveTextContent('elite');
    expect(leadTime).toHaveTextContent('median of 40 commits');

    const frequency = metric('Deployment frequency');
    expect(within(frequency).getByText('3.5/week')).toBeInTheDocument();
    expect(frequency).toHaveTextContent('15 deployments on 12 days');
    expect(
      within(frequency).getByLabelText('Deployment frequency band: high'),
    ).toBeInTheDocument();

    const cfr = metric('Change failure rate');
    expect(within(cfr).getByText('20%')).toBeInTheDocument();
    expect(
      within(cfr).getByLabelText('Change failure rate band: low'),
    ).toBeInTheDocument();
    expect(cfr).toHaveTextContent('3 of 15 deployments failed');

    const recovery = metric('Failed deployment recovery time');
    expect(within(recovery).getByText('45m 0s')).toBeInTheDocument();
    expect(
      within(recovery).getByLabelText(
        'Failed deployment recovery time band: elite',
      ),
    ).toBeInTheDocument();

    expect(
      within(metric('Deployment rework rate')).getByText('6.7%'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('note', { name: 'Time to restore service' }),
    ).toHaveTextContent('1h 30m');

    // Sparklines from the 12-week series.
    expect(
      await within(frequency).findByRole('img', {
        name: 'Deployments per week, last 12 weeks',
      }),
    ).toBeInTheDocument();
    expect(
      within(leadTime).getByRole('img', {
        name: 'Lead time median per week (hours), last 12 weeks',
      }),
    ).toBeInTheDocument();

    // The 30-day numbers use the default window; the trend asks for 12 weeks.
    expect(getDora).toHaveBeenCalledWith({
      entity: { kind: 'Component', namespace: 'default', name: 'payments-api' },
    });
    const trendCall = getDora.mock.calls
      .map(([request]) => request)
      .find(request => request.series === 'week');
    expect(trendCall).toBeDefined();
    expect(Date.parse(trendCall!.to!) - Date.parse(trendCall!.from!)).toBe(
      84 * DAY,
    );

    // Warnings, collapsed.
    const toggle = screen.getByText('1 data-quality warning');
    fireEvent.click(toggle);
    expect(
      within(
        await screen.findByRole('list', { name: 'Data-quality warnings' }),
      ).getByText('2 negative lead-time samples dropped'),
    ).toBeInTheDocument();
  });

  it('shows undefined values as "—" with no-data bands and explains where data comes from', async () => {
    await renderCard({
      getDora: jest.fn().mockResolvedValue(testReport(emptyMetrics())),
    });
    const explanation = await screen.findByRole('note', {
      name: 'No DORA data',
    });
    expect(explanation).toHaveTextContent(
      'slipway.dev/environment: production',
    );
    expect(explanation).toHaveTextContent(
      'POST /api/delivery/events/deployments',
    );
    expect(explanation).toHaveTextContent('SCM webhooks');
    expect(explanation).toHaveTextContent('/events/changes');
    expect(explanation).toHaveTextContent('/events/incidents');

    const cfr = metric('Change failure rate');
    expect(within(cfr).getByText('—')).toBeInTheDocument();
    expect(within(cfr).queryByText('0%')).not.toBeInTheDocument();
    expect(
      within(cfr).getByLabelText('Change failure rate band: no data'),
    ).toBeInTheDocument();
    expect(
      within(metric('Change lead time')).getByLabelText(
        'Change lead time band: no data',
      ),
    ).toBeInTheDocument();
    expect(
      within(metric('Deployment rework rate')).getByText('—'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/data-quality warning/)).not.toBeInTheDocument();
  });

  it('does not explain missing data when there are deployments', async () => {
    await renderCard({ getDora: jest.fn().mockResolvedValue(testReport()) });
    await screen.findByText('5h 0m');
    expect(
      screen.queryByRole('note', { name: 'No DORA data' }),
    ).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderCard({
      getDora: jest
        .fn()
        .mockRejectedValue(new Error('Not allowed: delivery.run.read')),
    });
    expect(
      (await screen.findAllByText(/Not allowed: delivery.run.read/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
