import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { SecurityPosturePage } from './SecurityPosturePage';
import { testRow } from './testPosture';

function renderPage(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <SecurityPosturePage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The table's body rows (the first row is the header). */
const bodyRows = () => screen.getAllByRole('row').slice(1);

describe('SecurityPosturePage', () => {
  it('lists the teams, most critical then most high first, with their counts', async () => {
    // In the wrong order on purpose: the page sorts.
    const getSecurityPosture = jest.fn().mockResolvedValue({
      teams: [
        testRow('unknown', { low: 5 }),
        testRow('group:default/web', { critical: 1, high: 1 }),
        testRow(
          'group:default/payments',
          { critical: 1, high: 3, medium: 2 },
          {
            entities: [
              'component:default/payments-api',
              'component:default/ledger',
            ],
            overdue: 4,
            openSecrets: 1,
          },
        ),
        testRow('group:default/data', { critical: 2 }),
        testRow('group:default/zeta', { high: 1 }),
        testRow('group:default/alpha', { high: 1 }),
      ],
    });
    await renderPage({ getSecurityPosture });

    expect(
      await screen.findByRole('heading', { name: 'Security posture' }),
    ).toBeInTheDocument();
    await screen.findByText('Security posture by team');
    const rows = bodyRows();
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['data', 'payments', 'web', 'alpha', 'zeta', 'Unknown owner']);
    expect(getSecurityPosture).toHaveBeenCalledWith(undefined);

    const payments = rows[1];
    expect(
      within(payments).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(
      within(payments).getByLabelText('1 critical severity'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByLabelText('3 high severity'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByLabelText('2 medium severity'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByLabelText('0 low severity'),
    ).toBeInTheDocument();
    expect(within(payments).getByLabelText('4 overdue')).toBeInTheDocument();
    expect(
      within(payments).getByLabelText('1 open secrets'),
    ).toBeInTheDocument();
    expect(within(rows[5]).queryByRole('link')).not.toBeInTheDocument();

    // The components, on hover and expanded.
    const components = within(payments).getByRole('button', {
      name: 'Show the components of group:default/payments',
    });
    expect(components).toHaveTextContent('2 components');
    expect(components).toHaveAttribute(
      'title',
      'component:default/payments-api\ncomponent:default/ledger',
    );
    fireEvent.click(components);
    const list = await screen.findByRole('list', {
      name: 'Components of group:default/payments',
    });
    expect(
      within(list)
        .getAllByRole('link')
        .map(a => a.textContent),
    ).toEqual(['payments-api', 'ledger']);
  });

  it('sorts by another column, most first', async () => {
    await renderPage({
      getSecurityPosture: jest.fn().mockResolvedValue({
        teams: [
          testRow('group:default/a', { critical: 2 }),
          testRow('group:default/b', { high: 5 }),
          testRow('group:default/c', { high: 5, medium: 1 }),
        ],
      }),
    });
    await screen.findByText('Security posture by team');
    const high = screen.getByRole('columnheader', { name: 'High' });
    fireEvent.click(within(high).getByText('High'));
    expect(
      bodyRows().map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['c', 'b', 'a']);
  });

  it('explains where findings come from when no team has any', async () => {
    await renderPage({
      getSecurityPosture: jest.fn().mockResolvedValue({ teams: [] }),
    });
    expect(
      await screen.findByText("No open findings in any team's components"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Findings come from pipeline uploads/),
    ).toBeInTheDocument();
    expect(screen.getByText('slipway-upload-findings')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderPage({
      getSecurityPosture: jest
        .fn()
        .mockRejectedValue(new Error('Not allowed: delivery.run.read')),
    });
    expect(
      (await screen.findAllByText(/Not allowed: delivery.run.read/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
