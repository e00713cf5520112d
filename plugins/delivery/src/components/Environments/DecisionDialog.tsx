import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import {
  ApprovalRequest,
  ApprovalRequestDetails,
} from '@slipway/plugin-delivery-common';
import { useState } from 'react';
import { deliveryApiRef } from '../../api';
import { personName, shortRevision } from './approvalFormat';

/** Props of {@link DecisionDialog}. */
export interface DecisionDialogProps {
  request: ApprovalRequest;
  /** The decision being made; the dialog is open while it is set. */
  decision?: 'approve' | 'reject';
  onClose: () => void;
  onDone: (request: ApprovalRequestDetails) => void;
}

const LABEL = { approve: 'Approve', reject: 'Reject' } as const;

/** Asks for the comment every decision carries, then sends the decision. */
export function DecisionDialog(props: DecisionDialogProps) {
  const { request, decision, onClose, onDone } = props;
  const api = useApi(deliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const entityName = personName(request.entityRef);

  const submit = async () => {
    if (!decision || !comment.trim()) return;
    setBusy(true);
    try {
      const decided = await api.decideApproval(
        request.id,
        decision,
        comment.trim(),
      );
      const done = `${LABEL[decision]}d promotion of ${entityName} to ${request.environment}`;
      const deploy = decided.deployRun;
      if (deploy?.error) {
        alertApi.post({
          message: `${done}, but its deploy run could not be started: ${deploy.error}`,
          severity: 'error',
        });
      } else {
        alertApi.post({
          message: deploy?.name
            ? `${done}: started deploy run ${deploy.name}`
            : done,
          severity: 'success',
          display: 'transient',
        });
      }
      setComment('');
      onDone(decided);
    } catch (error) {
      alertApi.post({
        message: `Could not ${decision}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={Boolean(decision)}
      onClose={onClose}
      aria-labelledby="decision-title"
      fullWidth
    >
      {decision && (
        <>
          <DialogTitle id="decision-title">
            {LABEL[decision]} {entityName} {shortRevision(request.revision)} to{' '}
            {request.environment}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              {decision === 'approve'
                ? 'Your approval counts for every rule you are an approver of. It is recorded with your name and comment.'
                : 'One rejection closes the request; the pipeline waiting on it fails. It is recorded with your name and comment.'}
            </DialogContentText>
            <TextField
              fullWidth
              multiline
              minRows={2}
              required
              id="decision-comment"
              label="Comment"
              value={comment}
              onChange={e => setComment(e.target.value)}
              helperText="Say what you checked or why you reject"
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button
              color={decision === 'approve' ? 'primary' : 'secondary'}
              variant="contained"
              disabled={busy || !comment.trim()}
              onClick={submit}
            >
              {LABEL[decision]}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
