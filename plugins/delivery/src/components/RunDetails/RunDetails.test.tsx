import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { RunDetails } from './RunDetails';
import { testRun } from './testRuns';

describe('RunDetails', () => {
  it('shows status, timing, git facts, image and signature', async () => {
    await renderInTestApp(<RunDetails run={testRun()} />);

    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('payments-api-ci-x7k2p')).toBeInTheDocument();
    expect(screen.getByText('payments-api-ci')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
    expect(screen.getByText('2m 10s')).toBeInTheDocument();
    expect(screen.getByText('5s')).toBeInTheDocument();

    const started = screen.getByText(/ago$/);
    expect(started).toHaveAttribute('title', expect.stringMatching(/2026/));

    const sha = screen.getByRole('link', { name: /^0123456/ });
    expect(sha).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/commit/0123456789abcdef0123456789abcdef01234567',
    );
    expect(screen.getByText('feature/refunds')).toBeInTheDocument();
    expect(screen.getByText('#42')).toBeInTheDocument();
    expect(screen.getByText('pull_request')).toBeInTheDocument();

    expect(
      screen.getByText('registry.example.com/acme/payments-api:0123456'),
    ).toBeInTheDocument();
    expect(screen.getByText('sha256:4f2c8e0b9a1d')).toBeInTheDocument();
    expect(screen.getByText('signed')).toBeInTheDocument();

    expect(screen.getByText(/^Tasks Completed: 4/)).toBeInTheDocument();
    const rerunOf = screen.getByRole('link', { name: 'run-uid-0' });
    expect(rerunOf.getAttribute('href')).toMatch(/\?run=run-uid-0$/);
  });

  it('renders params and results readably', async () => {
    await renderInTestApp(<RunDetails run={testRun()} />);

    const params = screen.getByRole('table', { name: 'Parameters' });
    const platforms = within(params).getByText('platforms').closest('tr')!;
    expect(within(platforms).getByText('linux/amd64')).toBeInTheDocument();
    expect(within(platforms).getByText('linux/arm64')).toBeInTheDocument();
    const labels = within(params).getByText('labels').closest('tr')!;
    expect(labels).toHaveTextContent('team: payments');
    expect(labels).toHaveTextContent('tier: critical');

    const results = screen.getByRole('table', { name: 'Results' });
    const accuracy = within(results).getByText('accuracy').closest('tr')!;
    expect(within(accuracy).getByText('0.93')).toBeInTheDocument();
    const metrics = within(results).getByText('metrics').closest('tr')!;
    expect(metrics).toHaveTextContent('f1: 0.88');
    expect(metrics).toHaveTextContent('recall: 0.91');
  });

  it('shows the sha without a link for a non-http repository, and no signed chip', async () => {
    await renderInTestApp(
      <RunDetails
        run={testRun({
          signed: false,
          rerunOf: undefined,
          image: undefined,
          params: [],
          results: [],
          git: {
            repository: 'git@github.com:acme/payments-api.git',
            revision: 'fedcba9876543210',
          },
        })}
        showName={false}
      />,
    );

    expect(screen.getByText('fedcba9')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByText('signed')).not.toBeInTheDocument();
    expect(screen.queryByText('payments-api-ci-x7k2p')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/Rerun of/)).not.toBeInTheDocument();
  });
});
