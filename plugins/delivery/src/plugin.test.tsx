import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { deliveryApiRef } from './api';
import {
  deliveryPlugin,
  EntityDeliveryContent,
  EntityLatestRunsCard,
  isDeliveryAvailable,
} from './index';
import { Route, Routes } from 'react-router-dom';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: {},
};

const api = {
  listRuns: jest.fn().mockResolvedValue({
    items: [
      {
        uid: 'u1',
        provider: 'tekton',
        name: 'payments-api-ci-u1',
        pipelineName: 'payments-api-ci',
        status: 'succeeded',
        createdAt: '2026-11-20T10:00:00.000Z',
        git: {},
      },
    ],
  }),
  getPipelineStats: jest
    .fn()
    .mockResolvedValue({ from: '', to: '', pipelines: [] }),
};

describe('legacy frontend exports', () => {
  it('creates the delivery plugin with its API', () => {
    expect(deliveryPlugin.getId()).toBe('delivery');
    expect([...deliveryPlugin.getApis()].map(f => f.api.id)).toEqual([
      'plugin.delivery.service',
    ]);
  });

  it('tells EntitySwitch whether an entity has the annotations', () => {
    expect(isDeliveryAvailable(entity)).toBe(true);
    expect(isDeliveryAvailable({ ...entity, metadata: { name: 'x' } })).toBe(
      false,
    );
    expect(
      isDeliveryAvailable({
        ...entity,
        metadata: {
          name: 'x',
          annotations: { 'backstage.io/kubernetes-label-selector': 'app=x' },
        },
      }),
    ).toBe(true);
  });

  it('renders the CI/CD tab as a routable extension of a legacy entity page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [deliveryApiRef, api],
          [permissionApiRef, new MockPermissionApi()],
        ]}
      >
        <EntityProvider entity={entity}>
          <Routes>
            <Route path="/ci-cd/*" element={<EntityDeliveryContent />} />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: ['/ci-cd'] },
    );
    expect(await screen.findByText('payments-api-ci-u1')).toBeInTheDocument();
  });

  it('renders the latest-runs card', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[deliveryApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityLatestRunsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Latest pipeline runs')).toBeInTheDocument();
    expect(await screen.findByText('payments-api-ci')).toBeInTheDocument();
  });
});
