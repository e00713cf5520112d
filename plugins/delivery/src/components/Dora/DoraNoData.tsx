import Typography from '@material-ui/core/Typography';

/**
 * Why there are no DORA numbers, and where deployments, commits and incidents come from.
 */
export function DoraNoData(props: { environment?: string }) {
  const { environment = 'production' } = props;
  return (
    <div role="note" aria-label="No DORA data">
      <Typography variant="subtitle2" component="p">
        No {environment} deployments in this window: nothing to measure yet.
      </Typography>
      <Typography variant="body2" color="textSecondary" component="div">
        <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
          <li>
            Deployments come from pipeline runs labelled{' '}
            <code>slipway.dev/environment: production</code> or from{' '}
            <code>POST /api/delivery/events/deployments</code>.
          </li>
          <li>
            Commits come from SCM webhooks or{' '}
            <code>POST /api/delivery/events/changes</code>.
          </li>
          <li>
            Incidents come from <code>POST /api/delivery/events/incidents</code>
            .
          </li>
        </ul>
      </Typography>
    </div>
  );
}
