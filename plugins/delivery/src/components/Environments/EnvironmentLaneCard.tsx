import { CompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { EnvironmentLane } from '@slipway/plugin-delivery-common';
import { ApprovalRequestCard } from './ApprovalRequestCard';
import { relative, versionLabel } from './approvalFormat';
import { RunName } from './DeployRunInfo';
import { LaneActions } from './LaneActions';
import { PolicySummary } from './PolicySummary';

/** Props of {@link EnvironmentLaneCard}. */
export interface EnvironmentLaneCardProps {
  entity: CompoundEntityRef;
  lane: EnvironmentLane;
  previous?: EnvironmentLane;
  onChanged: () => void;
  /** Opens a run's details (the run drawer). */
  onOpenRun?: (uid: string) => void;
}

/**
 * The deployment in progress to an environment: "Deploying 1.4.0 · abc1234 — run X" with an
 * indeterminate progress bar; the run's name opens it.
 */
function Deploying(props: {
  lane: EnvironmentLane;
  onOpenRun?: (uid: string) => void;
}) {
  const deploying = props.lane.deploying!;
  const what =
    deploying.version || deploying.revision
      ? ` ${versionLabel(deploying.version, deploying.revision)}`
      : '';
  return (
    <Box aria-label={`deploying to ${props.lane.name}`} role="group">
      <Typography variant="overline">In progress</Typography>
      <Typography variant="body2">
        Deploying{what} — run{' '}
        <RunName
          run={{ name: deploying.runName, uid: deploying.runUid }}
          onOpenRun={props.onOpenRun}
        />
        {deploying.status === 'pending' ? ' (pending)' : ''}
        {deploying.startedAt && ` · started ${relative(deploying.startedAt)}`}
      </Typography>
      <LinearProgress
        aria-label={`Deploying${what} to ${props.lane.name}`}
        style={{ marginTop: 4 }}
      />
    </Box>
  );
}

/**
 * One environment: what runs there, what is being deployed, its policy, pending promotions and
 * the lane's actions.
 */
export function EnvironmentLaneCard(props: EnvironmentLaneCardProps) {
  const { entity, lane, previous, onChanged, onOpenRun } = props;
  const current = lane.current;
  return (
    <InfoCard
      title={lane.name}
      subheader={`${lane.tier}${
        lane.description ? ` · ${lane.description}` : ''
      }`}
    >
      <Box
        display="flex"
        flexDirection="column"
        style={{ gap: 12 }}
        aria-label={`environment ${lane.name}`}
      >
        {lane.policyError && (
          <WarningPanel
            severity="error"
            title="The approval policy cannot be read"
            message={lane.policyError}
          />
        )}
        <Box>
          <Typography variant="overline">Running now</Typography>
          {current ? (
            <Typography variant="body2">
              {versionLabel(current.version, current.revision)} · deployed{' '}
              {relative(current.finishedAt)}
              {current.runUid && ' by a pipeline run'}
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              Nothing deployed yet
            </Typography>
          )}
        </Box>
        {lane.deploying && <Deploying lane={lane} onOpenRun={onOpenRun} />}
        <Box>
          <Typography variant="overline">Policy</Typography>
          <PolicySummary policy={lane.policy} />
        </Box>
        <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
          <Typography variant="overline">Pending promotions</Typography>
          {lane.pending.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              None
            </Typography>
          )}
          {lane.pending.map(request => (
            <ApprovalRequestCard
              key={request.id}
              request={request}
              onDecided={onChanged}
              onOpenRun={onOpenRun}
            />
          ))}
        </Box>
        <LaneActions
          entity={entity}
          lane={lane}
          previous={previous}
          onChanged={onChanged}
          onOpenRun={onOpenRun}
        />
      </Box>
    </InfoCard>
  );
}
