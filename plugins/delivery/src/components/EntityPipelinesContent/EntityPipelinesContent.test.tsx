import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { EntityPipelinesContent } from './EntityPipelinesContent';

const annotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: {},
};

function run(uid: string, overrides: Partial<PipelineRun> = {}): PipelineRun {
  return {
    uid,
    provider: 'tekton',
    name: `payments-api-ci-${uid}`,
    pipelineName: 'payments-api-ci',
    status: 'succeeded',
    createdAt: '2026-11-20T10:00:00.000Z',
    startedAt: '2026-11-20T10:00:05.000Z',
    durationSeconds: 252,
    git: { branch: 'main', revision: '0123456789abcdef' },
    ...overrides,
  };
}

function renderWith(api: Partial<DeliveryApi>, entity: Entity = annotated) {
  return renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityPipelinesContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityPipelinesContent', () => {
  it('lists runs and loads older pages on request', async () => {
    const listRuns = jest
      .fn()
      .mockResolvedValueOnce({
        items: [run('a', { status: 'failed', reason: 'Failed' }), run('b')],
        nextCursor: 'c1',
      })
      .mockResolvedValueOnce({
        items: [run('c', { environment: 'production' })],
      });
    await renderWith({ listRuns });

    expect(await screen.findByText('payments-api-ci-a')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getAllByText('4m 12s')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Load older runs' }));
    expect(await screen.findByText('payments-api-ci-c')).toBeInTheDocument();
    expect(listRuns).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c1', limit: 25 }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Load older runs' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('says which annotation to add when the entity has none', async () => {
    const listRuns = jest.fn().mockResolvedValue({ items: [] });
    await renderWith(
      { listRuns },
      { ...annotated, metadata: { name: 'plain' } },
    );
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
    expect(listRuns).toHaveBeenCalled();
  });

  it('explains where runs come from when an annotated entity has none yet', async () => {
    await renderWith({ listRuns: jest.fn().mockResolvedValue({ items: [] }) });
    expect(await screen.findByText('No pipeline runs yet')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const error = Object.assign(new Error('Not allowed: delivery.run.read'), {
      name: 'NotAllowedError',
    });
    await renderWith({ listRuns: jest.fn().mockRejectedValue(error) });
    expect(
      (await screen.findAllByText(/Not allowed: delivery.run.read/)).length,
    ).toBeGreaterThan(0);
  });
});
