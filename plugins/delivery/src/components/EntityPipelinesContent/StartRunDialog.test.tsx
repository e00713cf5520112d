import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  PipelineDefinition,
  PipelineSummary,
  StartedRun,
} from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { StartRunDialog } from './StartRunDialog';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

function pipeline(overrides: Partial<PipelineSummary> = {}): PipelineSummary {
  return {
    provider: 'tekton',
    pipelineName: 'payments-api-ci',
    latestRunUid: 'r1',
    latestRunAt: '2026-11-20T10:00:00.000Z',
    canStart: true,
    ...overrides,
  };
}

const definition: PipelineDefinition = {
  provider: 'tekton',
  pipelineName: 'payments-api-ci',
  description: 'Builds, tests and pushes the image',
  basedOnRunUid: 'r1',
  params: [
    {
      name: 'image-tag',
      type: 'string',
      description: 'Tag of the image to build',
    },
    {
      name: 'target',
      type: 'string',
      description: 'Where the image goes',
      default: 'staging',
      options: ['staging', 'production'],
    },
    {
      name: 'test-flags',
      type: 'array',
      description: 'Extra flags for the tests',
      default: ['-v', '--fast'],
    },
    { name: 'verbose', type: 'string', default: 'false' },
  ],
};

const started: StartedRun = {
  provider: 'tekton',
  name: 'payments-api-ci-x7k2p',
  uid: 'u-new',
  url: 'https://tekton.example.com/#/namespaces/ci/pipelineruns/payments-api-ci-x7k2p',
};

/** A promise the test settles when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

async function renderDialog(api: Partial<DeliveryApi>) {
  const alertApi = { post: jest.fn() };
  const onStarted = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          deliveryApiRef,
          {
            listPipelines: jest.fn().mockResolvedValue({ items: [pipeline()] }),
            getPipelineDefinition: jest.fn().mockResolvedValue(definition),
            ...api,
          },
        ],
        [alertApiRef, alertApi],
      ]}
    >
      <StartRunDialog
        entity={entity}
        open
        onClose={onClose}
        onStarted={onStarted}
      />
    </TestApiProvider>,
  );
  return { alertApi, onStarted, onClose };
}

/** The form once the definition's fields are there. */
async function form() {
  await screen.findByLabelText(/^image-tag/);
  return screen.getByRole('form', { name: 'Start a run of payments-api' });
}

describe('StartRunDialog', () => {
  it('renders one field per param, with its description, its default and a required mark when it has none', async () => {
    const getPipelineDefinition = jest.fn().mockResolvedValue(definition);
    await renderDialog({ getPipelineDefinition });

    const imageTag = await screen.findByLabelText(/^image-tag/);
    expect(imageTag).toHaveValue('');
    expect(imageTag).toBeRequired();
    expect(imageTag).toHaveAccessibleDescription('Tag of the image to build');

    const flags = screen.getByLabelText('test-flags');
    expect(flags.tagName).toBe('TEXTAREA');
    expect(flags).toHaveValue('-v\n--fast');
    expect(flags).not.toBeRequired();
    expect(flags).toHaveAccessibleDescription(
      'Extra flags for the tests · One value per line',
    );

    expect(screen.getByLabelText('verbose')).toHaveValue('false');
    expect(screen.getByLabelText('verbose')).not.toBeRequired();

    // a param with options is a select showing its default
    // named by its label and its value
    const target = screen.getByRole('button', { name: 'target staging' });
    expect(target).toHaveAccessibleDescription('Where the image goes');

    expect(
      screen.getByText('Builds, tests and pushes the image'),
    ).toBeInTheDocument();
    // the only pipeline is chosen already
    expect(
      screen.getByRole('radio', { name: /payments-api-ci/ }),
    ).toBeChecked();
    expect(getPipelineDefinition).toHaveBeenCalledWith(
      entity,
      'tekton',
      'payments-api-ci',
    );
  });

  it('refuses to start without a required param and moves focus to it', async () => {
    const startRun = jest.fn();
    await renderDialog({ startRun });
    await form();

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));

    const imageTag = screen.getByLabelText(/^image-tag/);
    expect(await screen.findByText(/^Required/)).toBeInTheDocument();
    expect(imageTag).toHaveAttribute('aria-invalid', 'true');
    expect(imageTag).toHaveFocus();
    expect(startRun).not.toHaveBeenCalled();
  });

  it('posts the chosen values once, even when Start is clicked twice, and shows the started run', async () => {
    const answer = deferred<StartedRun>();
    const startRun = jest.fn().mockReturnValue(answer.promise);
    const { onStarted, alertApi } = await renderDialog({ startRun });
    const theForm = await form();

    fireEvent.change(screen.getByLabelText(/^image-tag/), {
      target: { value: '1.4.1' },
    });
    fireEvent.mouseDown(screen.getByRole('button', { name: /^target/ }));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['staging', 'production']);
    fireEvent.click(
      within(listbox).getByRole('option', { name: 'production' }),
    );
    fireEvent.change(screen.getByLabelText('test-flags'), {
      target: { value: '-v\n\n  --race  \n' },
    });

    const start = screen.getByRole('button', { name: 'Start' });
    fireEvent.click(start);
    fireEvent.click(start);
    fireEvent.submit(theForm);
    answer.resolve(started);

    expect(
      await screen.findByText(/Started run/, { selector: 'p' }),
    ).toHaveTextContent(
      'Started run payments-api-ci-x7k2p of payments-api-ci.',
    );
    expect(startRun).toHaveBeenCalledTimes(1);
    expect(startRun).toHaveBeenCalledWith(
      entity,
      {
        provider: 'tekton',
        pipelineName: 'payments-api-ci',
        params: {
          'image-tag': '1.4.1',
          target: 'production',
          'test-flags': ['-v', '--race'],
          verbose: 'false',
        },
      },
      expect.stringMatching(/^start-[0-9a-f-]{32,}$/),
    );
    expect(
      screen.getByRole('link', {
        name: /^Open payments-api-ci-x7k2p in Tekton/,
      }),
    ).toHaveAttribute('href', started.url);
    expect(onStarted).toHaveBeenCalledWith(started);
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Started run payments-api-ci-x7k2p of payments-api-ci',
        severity: 'success',
      }),
    );
  });

  it("shows the API's error in the dialog, retries an unchanged form with the same key and a changed one with a new key", async () => {
    const refused = Object.assign(
      new Error("Param 'image-tag' must be a tag, not 'latest!'"),
      { name: 'InputError' },
    );
    const startRun = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(refused)
      .mockResolvedValueOnce(started);
    const { onStarted } = await renderDialog({ startRun });
    await form();
    fireEvent.change(screen.getByLabelText(/^image-tag/), {
      target: { value: 'latest!' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Error: Could not start the run: Failed to fetch',
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Start' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        "Error: Could not start the run: Param 'image-tag' must be a tag, not 'latest!'",
      ),
    );
    expect(onStarted).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText(/^image-tag/), {
      target: { value: '1.4.1' },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith(started));

    const keys = startRun.mock.calls.map(call => call[2]);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it("says why the pipeline's params cannot be read, and offers no Start", async () => {
    await renderDialog({
      getPipelineDefinition: jest
        .fn()
        .mockRejectedValue(
          Object.assign(
            new Error(
              "Pipeline payments-api-ci no longer exists in namespace 'ci' of cluster prod-1",
            ),
            { name: 'NotFoundError' },
          ),
        ),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Error: Pipeline payments-api-ci no longer exists in namespace 'ci' of cluster prod-1",
    );
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
  });

  it('lets the user pick among the pipelines, one its provider cannot start disabled with the reason', async () => {
    const getPipelineDefinition = jest.fn().mockResolvedValue({
      ...definition,
      pipelineName: 'payments-api-deploy',
      params: [],
    });
    await renderDialog({
      listPipelines: jest.fn().mockResolvedValue({
        items: [
          pipeline(),
          pipeline({ pipelineName: 'payments-api-deploy', latestRunUid: 'd1' }),
          pipeline({
            provider: 'github-actions',
            pipelineName: 'Nightly',
            canStart: false,
          }),
        ],
      }),
      getPipelineDefinition,
    });

    const nightly = await screen.findByRole('radio', { name: /Nightly/ });
    expect(nightly).toBeDisabled();
    // focus moves into the list, on the first pipeline that can start
    await waitFor(() =>
      expect(
        screen.getByRole('radio', { name: /payments-api-ci/ }),
      ).toHaveFocus(),
    );
    expect(
      screen.getByText(
        /GitHub Actions · last run .* · cannot be started from here/,
      ),
    ).toBeInTheDocument();
    // two could start: none is chosen for the user
    expect(
      screen.getByRole('radio', { name: /payments-api-ci/ }),
    ).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
    expect(getPipelineDefinition).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('radio', { name: /payments-api-deploy/ }));
    expect(
      await screen.findByText('This pipeline takes no params.'),
    ).toBeInTheDocument();
    expect(getPipelineDefinition).toHaveBeenCalledWith(
      entity,
      'tekton',
      'payments-api-deploy',
    );
    expect(screen.getByRole('button', { name: 'Start' })).toBeEnabled();
  });

  it('explains that a run needs a pipeline the component ran before', async () => {
    await renderDialog({
      listPipelines: jest.fn().mockResolvedValue({ items: [] }),
    });
    expect(
      await screen.findByText(
        'Start a run needs a pipeline this component has run before',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/backstage.io\/kubernetes-id/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
  });
});
