import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../../api';
import { SecurityPostureTable } from './SecurityPostureTable';

function NoPosture(props: { owner?: string }) {
  return (
    <EmptyState
      missing="data"
      title={
        props.owner
          ? 'No open findings for this team'
          : "No open findings in any team's components"
      }
      description={
        <Typography variant="body2" component="span">
          Findings come from pipeline uploads: pipelines upload their
          scanners&apos; reports with the <code>slipway-upload-findings</code>{' '}
          Tekton task (or to the delivery findings endpoint). A team appears
          here once one of its components has an open finding.
        </Typography>
      }
    />
  );
}

/**
 * Reads the posture (of one owner, or of every team) and shows it, or its loading, error or
 * empty state.
 */
export function SecurityPostureView(props: { owner?: string }) {
  const { owner } = props;
  const api = useApi(deliveryApiRef);
  const { loading, error, value } = useAsync(
    () => api.getSecurityPosture(owner),
    [api, owner],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value?.teams.length) {
    return <NoPosture owner={owner} />;
  }
  return (
    <SecurityPostureTable
      teams={value.teams}
      title={owner ? 'Security posture' : 'Security posture by team'}
    />
  );
}
