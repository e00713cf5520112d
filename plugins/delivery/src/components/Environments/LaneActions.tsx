import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import {
  deliveryApprovalCreatePermission,
  deliveryEnvironmentDeployPermission,
  EnvironmentLane,
} from '@slipway/plugin-delivery-common';
import { useState } from 'react';
import { deliveryApiRef, RollbackStartedRun } from '../../api';
import { ActionWording, GatedButton, useEntityPermission } from '../shared';
import { shortRevision } from './approvalFormat';
import { RunName } from './DeployRunInfo';

const PROMOTE: ActionWording = {
  owners: 'promote its versions',
  anyone: 'promote this version',
};
const ROLL_BACK: ActionWording = {
  owners: 'roll back its environments',
  anyone: 'roll back this environment',
};

/** Props of {@link LaneActions}. */
export interface LaneActionsProps {
  /** The entity page's entity, whose lane this is. */
  entity: CompoundEntityRef;
  lane: EnvironmentLane;
  /** The lane before this one in promotion order, whose version a promotion brings here. */
  previous?: EnvironmentLane;
  onChanged: () => void;
  /** Opens a run's details, e.g. the deploy run a rollback started. */
  onOpenRun?: (uid: string) => void;
}

/**
 * Promote (ask for approval to bring the previous environment's version here; needs
 * `delivery.approval.create` on the entity) and Roll back (start the component's deploy
 * pipeline for an earlier version, in this environment only; needs
 * `delivery.environment.deploy`), each offered when there is something to do and disabled,
 * saying why, for a user without the permission. After a rollback it says which run it started.
 */
export function LaneActions(props: LaneActionsProps) {
  const { entity, lane, previous, onChanged, onOpenRun } = props;
  const api = useApi(deliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const entityRef = stringifyEntityRef(entity);
  const canRequest = useEntityPermission(
    deliveryApprovalCreatePermission,
    entityRef,
  );
  const canDeploy = useEntityPermission(
    deliveryEnvironmentDeployPermission,
    entityRef,
  );
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [rolledBack, setRolledBack] = useState<RollbackStartedRun>();
  const source = previous?.current;
  const revision = source?.revision ?? source?.version;

  /** Runs `fn` (`what` it does, as in "could not …"), then says what it did or why it failed. */
  const act = async <T,>(
    what: string,
    fn: () => Promise<T>,
    done: (result: T) => string,
  ) => {
    setBusy(true);
    try {
      const result = await fn();
      alertApi.post({
        message: done(result),
        severity: 'success',
        display: 'transient',
      });
      onChanged();
    } catch (error) {
      alertApi.post({
        message: `Could not ${what}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  const promote = () =>
    act(
      `ask for approval of ${shortRevision(revision)} to ${lane.name}`,
      () =>
        api.requestApproval({
          entityRef,
          environment: lane.name,
          revision: revision!,
          version: source?.version,
          runUid: source?.runUid,
        }),
      () => `Asked for approval of ${shortRevision(revision)} to ${lane.name}`,
    );
  const rollback = (version: string) => {
    setMenu(null);
    return act(
      `roll back ${lane.name} to ${version}`,
      async () => {
        const started = await api.rollback(entity, lane.name, version);
        setRolledBack(started);
        return started;
      },
      started =>
        `Started deploy run ${started.name} to roll ${lane.name} back to ${started.version}`,
    );
  };

  const showPromote =
    revision &&
    source?.revision !== lane.current?.revision &&
    source?.revision !== lane.deploying?.revision &&
    !lane.pending.some(p => p.revision === revision);
  const showRollback = lane.previousVersions.length > 0;
  if (!showPromote && !showRollback && !rolledBack) return null;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      {showPromote && (
        <GatedButton
          access={canRequest}
          wording={PROMOTE}
          size="small"
          variant="outlined"
          color="primary"
          disabled={busy}
          onClick={promote}
        >
          Promote {shortRevision(revision)} from {previous?.name}
        </GatedButton>
      )}
      {showRollback && (
        <>
          <GatedButton
            access={canDeploy}
            wording={ROLL_BACK}
            size="small"
            variant="outlined"
            disabled={busy}
            onClick={e => setMenu(e.currentTarget)}
          >
            Roll back…
          </GatedButton>
          <Menu
            anchorEl={menu}
            open={Boolean(menu)}
            onClose={() => setMenu(null)}
          >
            {lane.previousVersions.map(v => (
              <MenuItem key={v.version} onClick={() => rollback(v.version)}>
                {v.version}
              </MenuItem>
            ))}
          </Menu>
        </>
      )}
      {rolledBack && (
        <Typography variant="body2" role="status" style={{ flexBasis: '100%' }}>
          Rolling back to {rolledBack.version}: started deploy run{' '}
          <RunName run={rolledBack} onOpenRun={onOpenRun} />
        </Typography>
      )}
    </Box>
  );
}
