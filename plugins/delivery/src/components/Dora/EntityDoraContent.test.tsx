import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { EntityDoraContent } from './EntityDoraContent';
import {
  emptyMetrics,
  testEntity,
  testRecords,
  testReport,
  testSeries,
} from './testDora';

const DAY = 86_400_000;
const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

function renderContent(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          deliveryApiRef,
          {
            getDora: jest
              .fn()
              .mockResolvedValue(testReport({ series: testSeries(4) })),
            getDoraRecords: jest.fn().mockResolvedValue(testRecords()),
            ...api,
          },
        ],
      ]}
    >
      <EntityProvider entity={testEntity}>
        <EntityDoraContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** The window length of a call, in days. */
const spanDays = (request: { from?: string; to?: string }) =>
  (Date.parse(request.to!) - Date.parse(request.from!)) / DAY;

/** The body rows of the table titled `title` (the first row is the header). */
function tableRows(title: RegExp) {
  const heading = screen.getByRole('heading', { name: title });
  const table = heading.closest('.MuiPaper-root') as HTMLElement;
  // Body rows only: not the header row, nor the pagination footer.
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .filter(row => !row.classList.contains('MuiTableRow-footer'));
}

describe('EntityDoraContent', () => {
  it('shows the metrics with bands and trend charts for the last 30 days of production', async () => {
    const getDora = jest
      .fn()
      .mockResolvedValue(testReport({ series: testSeries(4) }));
    await renderContent({ getDora });

    const leadTime = await screen.findByRole('group', {
      name: 'Change lead time',
    });
    expect(within(leadTime).getByText('5h 0m')).toBeInTheDocument();
    expect(
      within(leadTime).getByLabelText('Change lead time band: elite'),
    ).toBeInTheDocument();
    for (const chart of [
      'Deployments per week',
      'Lead time median per week (hours)',
      'Change failure rate per week (%)',
      'Recovery time median per week (hours)',
    ]) {
      expect(screen.getByRole('figure', { name: chart })).toBeInTheDocument();
    }
    expect(getDora).toHaveBeenCalledTimes(1);
    const [request] = getDora.mock.calls[0];
    expect(request).toEqual({
      entity,
      from: expect.any(String),
      to: expect.any(String),
      environment: undefined,
      series: 'week',
    });
    expect(spanDays(request)).toBe(30);
  });

  it('asks for the new window when the window changes', async () => {
    const getDora = jest.fn().mockResolvedValue(testReport());
    const getDoraRecords = jest.fn().mockResolvedValue(testRecords());
    await renderContent({ getDora, getDoraRecords });
    await screen.findByRole('group', { name: 'Change lead time' });

    fireEvent.change(screen.getByLabelText('Window'), {
      target: { value: '7' },
    });
    await waitFor(() => expect(getDora).toHaveBeenCalledTimes(2));
    expect(spanDays(getDora.mock.calls[1][0])).toBe(7);
    await waitFor(() => expect(getDoraRecords).toHaveBeenCalledTimes(2));
    expect(spanDays(getDoraRecords.mock.calls[1][0])).toBe(7);
    expect(getDoraRecords.mock.calls[1][0].entity).toEqual(entity);

    fireEvent.change(screen.getByLabelText('Window'), {
      target: { value: '84' },
    });
    await waitFor(() => expect(getDora).toHaveBeenCalledTimes(3));
    expect(spanDays(getDora.mock.calls[2][0])).toBe(84);
    // Trends need two weeks at least.
    expect(
      await screen.findByText(
        'Weekly trends need a window of at least two weeks.',
      ),
    ).toBeInTheDocument();
  });

  it('passes the chosen environment', async () => {
    const getDora = jest.fn().mockResolvedValue(testReport());
    await renderContent({ getDora });
    await screen.findByRole('group', { name: 'Change lead time' });

    fireEvent.change(screen.getByLabelText('Environment'), {
      target: { value: 'staging' },
    });
    await waitFor(() => expect(getDora).toHaveBeenCalledTimes(2));
    expect(getDora.mock.calls[1][0]).toEqual(
      expect.objectContaining({ environment: 'staging', series: 'week' }),
    );
    expect(spanDays(getDora.mock.calls[1][0])).toBe(30);
  });

  it('lists the records behind the numbers with what the report made of them', async () => {
    await renderContent({});
    await screen.findByRole('heading', { name: /Deployments \(4\)/ });

    const deployments = tableRows(/Deployments/);
    const byId = (id: string) =>
      deployments.find(r => within(r).queryByText(id))!;
    // dep-2 caused inc-1: failed; dep-3 rolled back to 1.0.0: rework.
    const failed = byId('dep-2');
    expect(within(failed).getByLabelText('failed')).toBeInTheDocument();
    expect(within(failed).getByLabelText('counted')).toBeInTheDocument();
    expect(within(failed).queryByLabelText('rework')).not.toBeInTheDocument();
    expect(failed).toHaveTextContent('production');
    expect(failed).toHaveTextContent('bbbbbbbb');
    expect(failed).toHaveTextContent('1.1.0');
    expect(failed).toHaveTextContent('2026-02-12 10:00');
    expect(within(byId('dep-3')).getByLabelText('rework')).toBeInTheDocument();
    expect(
      within(byId('dep-3')).queryByLabelText('failed'),
    ).not.toBeInTheDocument();
    const staging = byId('dep-stg');
    expect(staging).toHaveTextContent('staging');
    expect(within(staging).queryByLabelText('counted')).not.toBeInTheDocument();
    expect(
      within(byId('dep-1')).queryByLabelText('failed'),
    ).not.toBeInTheDocument();

    // Changes: the sampled commit with its lead time, an unshipped one, and a sample whose
    // commit was authored before the window.
    const changes = tableRows(/Changes/);
    expect(changes).toHaveLength(3);
    const sampled = changes.find(r => within(r).queryByText('aaaaaaaa'))!;
    expect(sampled).toHaveTextContent('dep-1');
    expect(sampled).toHaveTextContent('5h 0m');
    const unshipped = changes.find(r => within(r).queryByText('dddddddd'))!;
    expect(unshipped).toHaveTextContent('not shipped');
    const early = changes.find(r => within(r).queryByText('cccccccc'))!;
    expect(early).toHaveTextContent('before the window');
    expect(early).toHaveTextContent('2d 8h');

    const [incident] = tableRows(/Incidents/);
    expect(incident).toHaveTextContent('inc-1');
    expect(incident).toHaveTextContent('2026-02-12 11:00');
    expect(incident).toHaveTextContent('2026-02-12 12:30');
    expect(incident).toHaveTextContent('dep-2 (attributed)');
  });

  it('explains missing data for the chosen environment', async () => {
    await renderContent({
      getDora: jest.fn().mockResolvedValue(testReport(emptyMetrics())),
    });
    const note = await screen.findByRole('note', { name: 'No DORA data' });
    expect(note).toHaveTextContent('No production deployments');
    expect(
      within(
        screen.getByRole('group', { name: 'Change failure rate' }),
      ).getByText('—'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderContent({
      getDora: jest.fn().mockRejectedValue(new Error('Backend exploded')),
    });
    expect(
      (await screen.findAllByText(/Backend exploded/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
