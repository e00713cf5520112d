import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ReactNode } from 'react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { testEntity } from '../Security/testFindings';
import { SecurityPostureContent } from './SecurityPostureContent';
import { testRow } from './testPosture';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function renderContent(api: Partial<DeliveryApi>, element: ReactNode) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>{element}</TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const posture = () =>
  jest.fn().mockResolvedValue({
    teams: [testRow('group:default/payments-team', { high: 2 })],
  });

describe('SecurityPostureContent', () => {
  it('shows the posture of the group whose page it is on', async () => {
    const getSecurityPosture = posture();
    await renderContent(
      { getSecurityPosture },
      <EntityProvider entity={group}>
        <SecurityPostureContent />
      </EntityProvider>,
    );
    const row = (await screen.findAllByRole('row'))[1];
    expect(within(row).getByLabelText('2 high severity')).toBeInTheDocument();
    expect(getSecurityPosture).toHaveBeenCalledWith(
      'group:default/payments-team',
    );
    expect(getSecurityPosture).toHaveBeenCalledTimes(1);
    expect(
      screen.queryByRole('heading', { name: 'Security posture', level: 1 }),
    ).not.toBeInTheDocument();
  });

  it('prefers the owner it is given', async () => {
    const getSecurityPosture = posture();
    await renderContent(
      { getSecurityPosture },
      <EntityProvider entity={group}>
        <SecurityPostureContent owner="group:default/platform" />
      </EntityProvider>,
    );
    await screen.findAllByRole('row');
    expect(getSecurityPosture).toHaveBeenCalledWith('group:default/platform');
  });

  it("shows every team outside a group's page", async () => {
    const getSecurityPosture = posture();
    await renderContent(
      { getSecurityPosture },
      <>
        <SecurityPostureContent />
        <EntityProvider entity={testEntity}>
          <SecurityPostureContent />
        </EntityProvider>
      </>,
    );
    expect(await screen.findAllByText('Security posture by team')).toHaveLength(
      2,
    );
    expect(getSecurityPosture.mock.calls).toEqual([[undefined], [undefined]]);
  });

  it('says when the group has no open findings', async () => {
    await renderContent(
      { getSecurityPosture: jest.fn().mockResolvedValue({ teams: [] }) },
      <EntityProvider entity={group}>
        <SecurityPostureContent />
      </EntityProvider>,
    );
    expect(
      await screen.findByText('No open findings for this team'),
    ).toBeInTheDocument();
  });
});
