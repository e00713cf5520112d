import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEntityRuns } from '../../hooks/useEntityRuns';
import { formatDuration, formatRelative } from '../../utils/format';
import { NoRunsState } from '../EntityPipelinesContent/NoRunsState';
import { RunStatusLabel } from '../RunStatusLabel';

/**
 * Overview card: the entity's five latest pipeline runs.
 *
 * @public
 */
export function EntityLatestRunsCard() {
  const { entity } = useEntity();
  const { loading, error, runs } = useEntityRuns(5);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (runs.length === 0) {
    body = <NoRunsState entity={entity} />;
  } else {
    body = (
      <List dense disablePadding>
        {runs.map(run => (
          <ListItem key={run.uid} disableGutters divider>
            <ListItemText
              primary={
                <>
                  <RunStatusLabel status={run.status} reason={run.reason} />{' '}
                  <Typography component="span" variant="body2">
                    {run.pipelineName ?? run.name}
                    {run.environment ? ` → ${run.environment}` : ''}
                  </Typography>
                </>
              }
              secondary={`${
                run.git.branch ?? 'unknown branch'
              } · ${formatRelative(
                run.startedAt ?? run.createdAt,
              )} · ${formatDuration(run.durationSeconds)}`}
            />
          </ListItem>
        ))}
      </List>
    );
  }
  return <InfoCard title="Latest pipeline runs">{body}</InfoCard>;
}
