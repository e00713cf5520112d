import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { DoraTeamContent } from './DoraTeamContent';
import { testGroup, testRollup, testSeries } from './testDora';

function renderContent(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <EntityProvider entity={testGroup}>
        <DoraTeamContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('DoraTeamContent', () => {
  it("shows the pooled report of the page's group", async () => {
    const getDoraRollup = jest.fn().mockResolvedValue(
      testRollup({
        entityRefs: [
          'component:default/payments-api',
          'component:default/ledger',
        ],
        series: testSeries(4),
        changeFailureRate: 0.1,
        bands: {
          deploymentFrequency: 'high',
          leadTime: 'elite',
          changeFailureRate: 'high',
          recoveryTime: 'elite',
        },
      }),
    );
    await renderContent({ getDoraRollup });

    const cfr = await screen.findByRole('group', {
      name: 'Change failure rate',
    });
    expect(within(cfr).getByText('10%')).toBeInTheDocument();
    expect(
      within(cfr).getByLabelText('Change failure rate band: high'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Pooled over 2 components owned by Payments/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Deployments per week' }),
    ).toBeInTheDocument();
    expect(getDoraRollup).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: 'group:default/payments',
        series: 'week',
        environment: undefined,
      }),
    );

    fireEvent.change(screen.getByLabelText('Environment'), {
      target: { value: 'dev' },
    });
    await waitFor(() => expect(getDoraRollup).toHaveBeenCalledTimes(2));
    expect(getDoraRollup.mock.calls[1][0]).toEqual(
      expect.objectContaining({
        owner: 'group:default/payments',
        environment: 'dev',
      }),
    );
  });
});
