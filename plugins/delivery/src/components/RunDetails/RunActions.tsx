import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import ReplayIcon from '@material-ui/icons/Replay';
import {
  deliveryRunExecutePermission,
  PipelineRun,
} from '@slipway/plugin-delivery-common';
import { useState } from 'react';
import { deliveryApiRef } from '../../api';
import { ActionWording, GatedButton, useEntityPermission } from '../shared';
import { isActiveStatus } from './runFormat';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
  },
}));

/** Props of {@link RunActions}. */
export interface RunActionsProps {
  run: PipelineRun;
  /** Called after a rerun was started or a cancellation was requested. */
  onChanged: () => void;
  /** Called with the new run after a rerun was started. */
  onRerun?: (started: { name: string; uid?: string }) => void;
}

type Action = 'rerun' | 'cancel';

const WORDING: Record<Action, ActionWording> = {
  rerun: { owners: 'rerun its runs', anyone: 'rerun this run' },
  cancel: { owners: 'cancel its runs', anyone: 'cancel this run' },
};

const CONFIRM: Record<
  Action,
  { title: (run: PipelineRun) => string; text: string; confirm: string }
> = {
  rerun: {
    title: run => `Rerun ${run.name}?`,
    text: 'This starts a new run of the pipeline with the same parameters and revision.',
    confirm: 'Start rerun',
  },
  cancel: {
    title: run => `Cancel ${run.name}?`,
    text: 'This asks the provider to stop the run. Tasks already running are stopped and finally tasks still run.',
    confirm: 'Cancel run',
  },
};

/**
 * Rerun and Cancel buttons of a run, each behind a confirmation; Cancel only for pending or
 * running runs. Both need `delivery.run.execute` on the run's entity: without it they are
 * disabled and say why (so is a run that names no entity).
 */
export function RunActions(props: RunActionsProps) {
  const { run, onChanged, onRerun } = props;
  const classes = useStyles();
  const api = useApi(deliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const access = useEntityPermission(
    deliveryRunExecutePermission,
    run.entityRef,
  );
  const [confirming, setConfirming] = useState<Action>();
  // The action the dialog describes; kept while it closes so its text does not vanish.
  const [shown, setShown] = useState<Action>('rerun');
  const [busy, setBusy] = useState(false);

  const perform = async (action: Action) => {
    setBusy(true);
    try {
      if (action === 'rerun') {
        const started = await api.rerun(run.uid);
        alertApi.post({
          message: `Started rerun ${started.name}`,
          severity: 'success',
          display: 'transient',
        });
        onRerun?.(started);
      } else {
        await api.cancel(run.uid);
        alertApi.post({
          message: 'Cancellation requested',
          severity: 'info',
          display: 'transient',
        });
      }
      setConfirming(undefined);
      onChanged();
    } catch (error) {
      alertApi.post({
        message: `Could not ${action} ${run.name}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        severity: 'error',
      });
      setConfirming(undefined);
    } finally {
      setBusy(false);
    }
  };

  const ask = (action: Action) => {
    setShown(action);
    setConfirming(action);
  };
  const dialog = CONFIRM[shown];
  return (
    <div className={classes.actions}>
      <GatedButton
        access={access}
        wording={WORDING.rerun}
        size="small"
        variant="outlined"
        startIcon={<ReplayIcon />}
        disabled={busy}
        onClick={() => ask('rerun')}
      >
        Rerun
      </GatedButton>
      {isActiveStatus(run.status) && (
        <GatedButton
          access={access}
          wording={WORDING.cancel}
          size="small"
          variant="outlined"
          startIcon={<CancelIcon />}
          disabled={busy}
          onClick={() => ask('cancel')}
        >
          Cancel
        </GatedButton>
      )}
      <Dialog
        open={confirming !== undefined}
        onClose={() => !busy && setConfirming(undefined)}
        aria-labelledby="run-action-confirm-title"
      >
        <DialogTitle id="run-action-confirm-title">
          {dialog.title(run)}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{dialog.text}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(undefined)} disabled={busy}>
            Back
          </Button>
          <Button
            color={shown === 'cancel' ? 'secondary' : 'primary'}
            variant="contained"
            disabled={busy}
            onClick={() => perform(shown)}
          >
            {dialog.confirm}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
