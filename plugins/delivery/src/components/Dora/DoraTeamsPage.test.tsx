import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { DoraTeamsPage } from './DoraTeamsPage';
import { emptyMetrics, testRollup } from './testDora';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
});

function renderPage(getEntities: jest.Mock, api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, { getEntities }],
        [deliveryApiRef, api],
      ]}
    >
      <DoraTeamsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const bodyRows = () => screen.getAllByRole('row').slice(1);
const teamNames = () =>
  bodyRows().map(r => within(r).getAllByRole('cell')[0].textContent);

describe('DoraTeamsPage', () => {
  it('lists every group with its pooled metrics and bands', async () => {
    const getEntities = jest.fn().mockResolvedValue({
      items: [group('payments'), group('web'), group('data')],
    });
    const getDoraRollup = jest.fn(async ({ owner }: { owner?: string }) => {
      if (owner === 'group:default/payments') {
        return testRollup({
          entityRefs: [
            'component:default/payments-api',
            'component:default/ledger',
          ],
          deploymentsPerDay: 2,
          leadTimeMedianSeconds: 18000,
        });
      }
      if (owner === 'group:default/web') {
        return testRollup({
          entityRefs: ['component:default/web'],
          leadTimeMedianSeconds: 3 * 86400,
          bands: {
            deploymentFrequency: 'medium',
            leadTime: 'high',
            changeFailureRate: 'elite',
            recoveryTime: 'high',
          },
          changeFailureRate: 0.04,
        });
      }
      return testRollup({ ...emptyMetrics(), entityRefs: [] });
    });
    await renderPage(getEntities, { getDoraRollup });

    expect(
      await screen.findByRole('heading', { name: 'DORA by team' }),
    ).toBeInTheDocument();
    await screen.findByText('Teams, last 30 days');
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'group' } }),
    );
    expect(getDoraRollup).toHaveBeenCalledTimes(3);
    for (const owner of ['payments', 'web', 'data']) {
      expect(getDoraRollup).toHaveBeenCalledWith({
        owner: `group:default/${owner}`,
      });
    }
    expect(teamNames()).toEqual(['data', 'payments', 'web']);

    const payments = bodyRows()[1];
    expect(
      within(payments).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    const cells = within(payments).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('2');
    expect(cells[2]).toHaveTextContent('2/day');
    expect(cells[3]).toHaveTextContent('5h 0m');
    expect(
      within(cells[3]).getByLabelText('Change lead time band: elite'),
    ).toBeInTheDocument();
    expect(cells[4]).toHaveTextContent('20%');
    expect(
      within(cells[4]).getByLabelText('Change failure rate band: low'),
    ).toBeInTheDocument();

    const web = bodyRows()[2];
    expect(within(web).getAllByRole('cell')[3]).toHaveTextContent('3d 0h');
    expect(
      within(web).getByLabelText('Change failure rate band: elite'),
    ).toBeInTheDocument();

    const data = bodyRows()[0];
    expect(within(data).getAllByRole('cell')[4]).toHaveTextContent('—');
    expect(
      within(data).getByLabelText('Change failure rate band: no data'),
    ).toBeInTheDocument();

    // Sort by change failure rate, lowest first, undefined last.
    fireEvent.click(
      screen.getByText('Change failure rate', { selector: 'span *, span' }),
    );
    expect(teamNames()).toEqual(['web', 'payments', 'data']);
  });

  it('shows a team whose roll-up failed with the error', async () => {
    await renderPage(jest.fn().mockResolvedValue({ items: [group('ops')] }), {
      getDoraRollup: jest.fn().mockRejectedValue(new Error('boom')),
    });
    await screen.findByText('Teams, last 30 days');
    expect(within(bodyRows()[0]).getByText('boom')).toBeInTheDocument();
  });

  it('says so when there are no groups', async () => {
    const getDoraRollup = jest.fn();
    await renderPage(jest.fn().mockResolvedValue({ items: [] }), {
      getDoraRollup,
    });
    expect(
      await screen.findByText('No teams in the catalog'),
    ).toBeInTheDocument();
    expect(getDoraRollup).not.toHaveBeenCalled();
  });

  it('measures at most 50 groups', async () => {
    const items = Array.from({ length: 60 }, (_, i) =>
      group(`team-${String(i).padStart(2, '0')}`),
    );
    const getDoraRollup = jest.fn().mockResolvedValue(testRollup());
    await renderPage(jest.fn().mockResolvedValue({ items }), { getDoraRollup });
    expect(
      await screen.findByText('Showing the first 50 of 60 teams.'),
    ).toBeInTheDocument();
    expect(getDoraRollup).toHaveBeenCalledTimes(50);
  });

  it('shows the catalog error', async () => {
    await renderPage(jest.fn().mockRejectedValue(new Error('catalog down')), {
      getDoraRollup: jest.fn(),
    });
    expect((await screen.findAllByText(/catalog down/)).length).toBeGreaterThan(
      0,
    );
  });
});
