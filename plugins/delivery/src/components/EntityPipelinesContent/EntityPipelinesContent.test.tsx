import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import {
  enabledButton,
  freshEntityRef,
  ownerPermissionApi,
  permissionRequest,
} from '../shared/__testUtils__/testPermissions';
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

const noStats = {
  getPipelineStats: jest
    .fn()
    .mockResolvedValue({ from: '', to: '', pipelines: [] }),
};

function renderWith(
  api: Partial<DeliveryApi>,
  entity: Entity = annotated,
  permissionApi: PermissionApi = new MockPermissionApi(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, { ...noStats, ...api }],
        [permissionApiRef, permissionApi],
      ]}
    >
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
    expect(screen.getAllByText('0123456')).toHaveLength(2);

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
    expect(screen.getByText(/clusterLocatorMethods:/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /Start a run needs a pipeline this component has run before/,
      ),
    ).toBeInTheDocument();
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

  it('asks the backend for failed runs when the status filter is set', async () => {
    const listRuns = jest.fn().mockResolvedValue({ items: [run('a')] });
    await renderWith({ listRuns });
    await screen.findByText('payments-api-ci-a');
    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByRole('option', { name: 'failed' }));
    await waitFor(() =>
      expect(listRuns).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: ['failed'], limit: 25 }),
      ),
    );
  });

  it('re-reads the newest page while a run is active', async () => {
    jest.useFakeTimers();
    try {
      const listRuns = jest
        .fn()
        .mockResolvedValueOnce({ items: [run('a', { status: 'running' })] })
        .mockResolvedValue({ items: [run('a', { status: 'succeeded' })] });
      await renderWith({ listRuns });
      expect(await screen.findByText('Running')).toBeInTheDocument();
      await act(async () => {
        jest.advanceTimersByTime(5000);
      });
      expect(await screen.findByText('Succeeded')).toBeInTheDocument();
      expect(listRuns).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows pipeline health from the statistics', async () => {
    const getPipelineStats = jest.fn().mockResolvedValue({
      from: '',
      to: '',
      pipelines: [
        {
          pipelineName: 'payments-api-ci',
          finishedRuns: 10,
          succeeded: 8,
          failed: 2,
          cancelled: 0,
          timedOut: 0,
          successRate: 0.8,
          durationMedianSeconds: 252,
          durationP90Seconds: 3840,
          failureReasons: [{ reason: 'unit-tests: Failed', count: 2 }],
        },
      ],
      series: [
        {
          from: '2026-11-08T00:00:00Z',
          to: '2026-11-15T00:00:00Z',
          pipelines: [
            {
              pipelineName: 'payments-api-ci',
              finishedRuns: 10,
              succeeded: 8,
              failed: 2,
              cancelled: 0,
              timedOut: 0,
              successRate: 0.8,
              durationMedianSeconds: 252,
              durationP90Seconds: 3840,
              failureReasons: [{ reason: 'unit-tests: Failed', count: 2 }],
            },
          ],
        },
        {
          from: '2026-11-15T00:00:00Z',
          to: '2026-11-22T00:00:00Z',
          pipelines: [
            {
              pipelineName: 'payments-api-ci',
              finishedRuns: 10,
              succeeded: 8,
              failed: 2,
              cancelled: 0,
              timedOut: 0,
              successRate: 0.8,
              durationMedianSeconds: 252,
              durationP90Seconds: 3840,
              failureReasons: [{ reason: 'unit-tests: Failed', count: 2 }],
            },
          ],
        },
      ],
    });
    await renderWith({
      listRuns: jest.fn().mockResolvedValue({ items: [run('a')] }),
      getPipelineStats,
    });
    await screen.findByText('payments-api-ci-a');
    require('fs').writeFileSync(
      '/tmp/dbg.txt',
      String(document.body.textContent),
    );
    expect(
      await screen.findByText('Pipeline health, last 30 days'),
    ).toBeInTheDocument();
    expect(screen.getByText('80%')).toBeInTheDocument();
    expect(screen.getByText('4m 12s / 1h 4m')).toBeInTheDocument();
    expect(screen.getByText('unit-tests: Failed ×2')).toBeInTheDocument();
    expect(getPipelineStats).toHaveBeenCalledWith(
      expect.anything(),
      30,
      'week',
    );
    expect(screen.getByLabelText('Success rate per week')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Median duration per week (minutes)'),
    ).toBeInTheDocument();
  });

  it('asks the backend for the oldest runs first when the order is changed', async () => {
    const listRuns = jest.fn().mockResolvedValue({ items: [run('a')] });
    await renderWith({ listRuns });
    await screen.findByText('payments-api-ci-a');
    fireEvent.mouseDown(screen.getByLabelText('Order'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Oldest first' }),
    );
    await waitFor(() =>
      expect(listRuns).toHaveBeenLastCalledWith(
        expect.objectContaining({ order: 'asc' }),
      ),
    );
    expect(
      await screen.findByText('Pipeline runs, oldest first'),
    ).toBeInTheDocument();
  });

  it('shows Tekton and GitHub Actions runs together, each with its provider, filterable by provider', async () => {
    const github = run('g', {
      provider: 'github-actions',
      name: 'CI #42',
      pipelineName: 'CI',
      url: 'https://github.com/acme/shop/actions/runs/1002',
    });
    const listRuns = jest
      .fn()
      .mockResolvedValueOnce({ items: [github, run('t')] })
      .mockResolvedValue({ items: [github] });
    await renderWith({ listRuns });
    expect(await screen.findByText('CI #42')).toBeInTheDocument();
    expect(screen.getByText('payments-api-ci-t')).toBeInTheDocument();
    expect(screen.getByText('GitHub Actions')).toBeInTheDocument();
    expect(screen.getByText('Tekton')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Open CI #42 in GitHub Actions/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/actions/runs/1002');

    fireEvent.mouseDown(screen.getByLabelText('Provider'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'GitHub Actions' }),
    );
    await waitFor(() =>
      expect(listRuns).toHaveBeenLastCalledWith(
        expect.objectContaining({ provider: 'github-actions', limit: 25 }),
      ),
    );
    expect(
      await screen.findByText('Pipeline runs (filtered)'),
    ).toBeInTheDocument();
    // the filter keeps both options while it hides the Tekton runs
    fireEvent.mouseDown(screen.getByLabelText('Provider'));
    expect(
      await screen.findByRole('option', { name: 'Tekton' }),
    ).toBeInTheDocument();
  });

  it('offers no provider filter when every run comes from one provider', async () => {
    await renderWith({
      listRuns: jest.fn().mockResolvedValue({ items: [run('a')] }),
    });
    await screen.findByText('payments-api-ci-a');
    expect(screen.queryByLabelText('Provider')).not.toBeInTheDocument();
  });

  it('explains where GitHub Actions runs come from for a GitHub-only component', async () => {
    await renderWith(
      { listRuns: jest.fn().mockResolvedValue({ items: [] }) },
      {
        ...annotated,
        metadata: {
          name: 'docs',
          annotations: { 'github.com/project-slug': 'acme/docs' },
        },
      },
    );
    expect(
      await screen.findByText(/GitHub Actions runs of acme\/docs appear here/),
    ).toBeInTheDocument();
  });

  describe('Start a run', () => {
    /** The annotated entity in a namespace of its own (permission decisions are cached per ref). */
    function freshEntity(): { entity: Entity; ref: string } {
      const ref = freshEntityRef();
      const namespace = ref.split(':')[1].split('/')[0];
      return {
        entity: {
          ...annotated,
          metadata: { ...annotated.metadata, namespace },
        },
        ref,
      };
    }

    it('is disabled, saying why, for a user without delivery.run.execute on the entity', async () => {
      const { entity, ref } = freshEntity();
      const permissions = ownerPermissionApi();
      await renderWith(
        { listRuns: jest.fn().mockResolvedValue({ items: [run('a')] }) },
        entity,
        permissions.api,
      );
      const reason = 'Only owners of payments-api may start its pipelines';
      expect(await screen.findByText(reason)).toBeInTheDocument();
      const button = screen.getByRole('button', { name: 'Start a run' });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(reason);
      expect(permissions.requests).toContainEqual(
        permissionRequest('delivery.run.execute', ref),
      );
    });

    it('starts a run for an owner and re-reads the runs', async () => {
      const { entity, ref } = freshEntity();
      const listRuns = jest.fn().mockResolvedValue({ items: [run('a')] });
      const startRun = jest
        .fn()
        .mockResolvedValue({ provider: 'tekton', name: 'payments-api-ci-new' });
      await renderWith(
        {
          listRuns,
          listPipelines: jest.fn().mockResolvedValue({
            items: [
              {
                provider: 'tekton',
                pipelineName: 'payments-api-ci',
                latestRunUid: 'a',
                latestRunAt: '2026-11-20T10:00:00.000Z',
                canStart: true,
              },
            ],
          }),
          getPipelineDefinition: jest.fn().mockResolvedValue({
            provider: 'tekton',
            pipelineName: 'payments-api-ci',
            params: [{ name: 'revision', type: 'string', default: 'main' }],
            basedOnRunUid: 'a',
          }),
          startRun,
        },
        entity,
        ownerPermissionApi(ref).api,
      );
      await screen.findByText('payments-api-ci-a');
      expect(listRuns).toHaveBeenCalledTimes(1);

      fireEvent.click(await enabledButton('Start a run'));
      const dialog = await screen.findByRole('dialog', {
        name: 'Start a run of payments-api',
      });
      expect(await within(dialog).findByLabelText('revision')).toHaveValue(
        'main',
      );
      fireEvent.click(within(dialog).getByRole('button', { name: 'Start' }));

      expect(
        await within(dialog).findByText(/Started run/, { selector: 'p' }),
      ).toHaveTextContent(
        'Started run payments-api-ci-new of payments-api-ci.',
      );
      expect(startRun).toHaveBeenCalledWith(
        expect.objectContaining({ namespace: entity.metadata.namespace }),
        {
          provider: 'tekton',
          pipelineName: 'payments-api-ci',
          params: { revision: 'main' },
        },
        expect.any(String),
      );
      await waitFor(() => expect(listRuns).toHaveBeenCalledTimes(2));
    });
  });
});
