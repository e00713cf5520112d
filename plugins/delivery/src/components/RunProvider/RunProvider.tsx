import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import GitHubIcon from '@material-ui/icons/GitHub';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { PipelineRun } from '@slipway/plugin-delivery-common';

const LABELS: Record<string, string> = {
  tekton: 'Tekton',
  'github-actions': 'GitHub Actions',
  demo: 'Tekton (demo)',
};

/** A provider's display name (the name itself for providers Slipway does not know). */
export function providerLabel(provider: string): string {
  return LABELS[provider] ?? provider;
}

/**
 * Which provider reported a run, with its icon, and a link to the run in the provider's own UI
 * when the provider gave one.
 */
export function RunProvider(props: {
  run: Pick<PipelineRun, 'provider' | 'url' | 'name'>;
}) {
  const { provider, url, name } = props.run;
  const Icon = provider === 'github-actions' ? GitHubIcon : AccountTreeIcon;
  const label = providerLabel(provider);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <Icon fontSize="small" aria-hidden />
      <Typography variant="body2" component="span">
        {label}
      </Typography>
      {url && (
        <Link to={url} aria-label={`Open ${name} in ${label}`} title={url}>
          <OpenInNewIcon fontSize="inherit" />
        </Link>
      )}
    </Box>
  );
}
