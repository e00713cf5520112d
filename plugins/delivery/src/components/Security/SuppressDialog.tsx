import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import { Finding, SuppressionReason } from '@slipway/plugin-delivery-common';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { deliveryApiRef } from '../../api';
import { formatDate, SUPPRESSION_REASON_LABELS } from './findingFormat';

const DEFAULT_DAYS = 30;
const MIN_COMMENT = 3;

/**
 * Props of {@link SuppressDialog}.
 *
 * @public
 */
export interface SuppressDialogProps {
  /** The finding to suppress; the dialog is open while it is set. */
  finding?: Finding;
  onClose: () => void;
  /** Called with the suppressed finding after the backend accepted the suppression. */
  onDone: (finding: Finding) => void;
}

/** Why the expiry (a `yyyy-MM-dd` local date, suppressed until that day starts) is invalid. */
function expiryProblem(date: string, now: DateTime): string | undefined {
  const expires = DateTime.fromISO(date);
  if (!date || !expires.isValid) {
    return 'Pick the date the suppression ends';
  }
  if (expires <= now) {
    return 'Must be in the future';
  }
  if (expires > now.plus({ years: 1 })) {
    return 'Must be within a year; suppress again when it expires';
  }
  return undefined;
}

function SuppressForm(props: {
  finding: Finding;
  onClose: () => void;
  onDone: (finding: Finding) => void;
}) {
  const { finding, onClose, onDone } = props;
  const api = useApi(deliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const today = DateTime.now().startOf('day');
  const [reason, setReason] = useState<SuppressionReason | ''>('');
  const [comment, setComment] = useState('');
  const [commentTouched, setCommentTouched] = useState(false);
  const [expiry, setExpiry] = useState(
    today.plus({ days: DEFAULT_DAYS }).toISODate() ?? '',
  );
  const [busy, setBusy] = useState(false);

  const commentProblem =
    comment.trim().length < MIN_COMMENT
      ? `Explain why, in at least ${MIN_COMMENT} characters`
      : undefined;
  const dateProblem = expiryProblem(expiry, DateTime.now());
  const valid = reason !== '' && !commentProblem && !dateProblem;

  const submit = async () => {
    if (reason === '' || !valid) {
      return;
    }
    setBusy(true);
    const expiresAt = DateTime.fromISO(expiry).toUTC().toISO() ?? expiry;
    try {
      const suppressed = await api.suppressFinding(finding.id, {
        reason,
        comment: comment.trim(),
        expiresAt,
      });
      alertApi.post({
        message: `Suppressed ${finding.ruleId} until ${formatDate(expiresAt)}`,
        severity: 'success',
        display: 'transient',
      });
      onDone(suppressed);
    } catch (error) {
      alertApi.post({
        message: `Could not suppress ${finding.ruleId}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        severity: 'error',
      });
      setBusy(false);
    }
  };

  return (
    <>
      <DialogTitle id="suppress-finding-title">
        Suppress {finding.ruleId}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {finding.title}. While suppressed, it does not count towards the
          security gate; it is open again when the suppression expires. The
          suppression is recorded with your name.
        </DialogContentText>
        <FormControl fullWidth margin="dense" required>
          <InputLabel id="suppress-reason-label">Reason</InputLabel>
          <Select
            labelId="suppress-reason-label"
            SelectDisplayProps={{ id: 'suppress-reason-select' }}
            value={reason}
            onChange={e => setReason(e.target.value as SuppressionReason)}
          >
            {(
              Object.entries(SUPPRESSION_REASON_LABELS) as [
                SuppressionReason,
                string,
              ][]
            ).map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TextField
          id="suppress-comment"
          label="Comment"
          required
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          value={comment}
          onChange={e => setComment(e.target.value)}
          onBlur={() => setCommentTouched(true)}
          error={commentTouched && Boolean(commentProblem)}
          helperText={
            commentTouched && commentProblem
              ? commentProblem
              : 'Why the risk is acceptable, or why it is not a real problem'
          }
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          id="suppress-expiry"
          label="Suppressed until"
          type="date"
          required
          fullWidth
          margin="dense"
          value={expiry}
          onChange={e => setExpiry(e.target.value)}
          error={Boolean(dateProblem)}
          helperText={dateProblem ?? 'At most a year from today'}
          InputLabelProps={{ shrink: true }}
          inputProps={{
            min: today.plus({ days: 1 }).toISODate(),
            max: today.plus({ years: 1 }).toISODate(),
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Back
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!valid || busy}
          onClick={submit}
        >
          Suppress
        </Button>
      </DialogActions>
    </>
  );
}

/**
 * Asks for a reason, a comment and an expiry (default 30 days, at most a year) and suppresses
 * the finding; reports the outcome through the alert API.
 *
 * @public
 */
export function SuppressDialog(props: SuppressDialogProps) {
  const { finding, onClose, onDone } = props;
  return (
    <Dialog
      open={Boolean(finding)}
      onClose={onClose}
      aria-labelledby="suppress-finding-title"
      fullWidth
      maxWidth="sm"
    >
      {finding && (
        <SuppressForm
          key={finding.id}
          finding={finding}
          onClose={onClose}
          onDone={onDone}
        />
      )}
    </Dialog>
  );
}
