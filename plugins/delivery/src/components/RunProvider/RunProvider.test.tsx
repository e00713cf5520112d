import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { providerLabel, RunProvider } from './RunProvider';

describe('RunProvider', () => {
  it('names GitHub Actions runs and links to the run on GitHub', async () => {
    await renderInTestApp(
      <RunProvider
        run={{
          provider: 'github-actions',
          name: 'CI #42',
          url: 'https://github.com/acme/shop/actions/runs/1002',
        }}
      />,
    );
    expect(screen.getByText('GitHub Actions')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Open CI #42 in GitHub Actions/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/actions/runs/1002');
  });

  it('shows Tekton runs without a link when the provider gave none', async () => {
    await renderInTestApp(
      <RunProvider run={{ provider: 'tekton', name: 'build-x' }} />,
    );
    expect(screen.getByText('Tekton')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('falls back to the provider name', () => {
    expect(providerLabel('jenkins')).toBe('jenkins');
    expect(providerLabel('demo')).toBe('Tekton (demo)');
  });
});
