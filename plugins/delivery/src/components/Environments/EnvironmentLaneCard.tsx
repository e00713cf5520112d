import { CompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EnvironmentLane } from '@slipway/plugin-delivery-common';
import { ApprovalRequestCard } from './ApprovalRequestCard';
import { relative, versionLabel } from './approvalFormat';
import { LaneActions } from './LaneActions';
import { PolicySummary } from './PolicySummary';

/** Props of {@link EnvironmentLaneCard}. */
export interface EnvironmentLaneCardProps {
  entity: CompoundEntityRef;
  lane: EnvironmentLane;
  previous?: EnvironmentLane;
  onChanged: () => void;
}

/** One environment: what runs there, its policy, pending promotions and the lane's actions. */
export function EnvironmentLaneCard(props: EnvironmentLaneCardProps) {
  const { entity, lane, previous, onChanged } = props;
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
            />
          ))}
        </Box>
        <LaneActions
          entity={entity}
          lane={lane}
          previous={previous}
          onChanged={onChanged}
        />
      </Box>
    </InfoCard>
  );
}
