import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import { screen } from '@testing-library/react';
import { deliveryApiRef } from '../../api';
import { EntityLatestRunsCard } from './EntityLatestRunsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: {},
};

const run = (
  uid: string,
  pipelineName: string,
  extra: Partial<PipelineRun> = {},
): PipelineRun => ({
  uid,
  provider: 'demo',
  name: `${pipelineName}-${uid}`,
  pipelineName,
  status: 'succeeded',
  createdAt: '2026-11-20T10:00:00.000Z',
  startedAt: '2026-11-20T10:00:00.000Z',
  durationSeconds: 60,
  git: { branch: 'main' },
  ...extra,
});

describe('EntityLatestRunsCard', () => {
  it('shows the latest run of each pipeline with its 30-day success rate', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            deliveryApiRef,
            {
              listRuns: jest.fn().mockResolvedValue({
                items: [
                  run('3', 'ci', { status: 'failed', reason: 'Failed' }),
                  run('2', 'deploy', { environment: 'production' }),
                  run('1', 'ci'),
                ],
              }),
              getPipelineStats: jest.fn().mockResolvedValue({
                from: '',
                to: '',
                pipelines: [{ pipelineName: 'ci', successRate: 0.75 }],
              }),
            },
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityLatestRunsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('ci')).toBeInTheDocument();
    expect(screen.getByText('deploy → production')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(
      await screen.findByText(/75% success \(30 days\)/),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });
});
