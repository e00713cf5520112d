import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';
import { ApprovalHistory } from './ApprovalHistory';
import { ApprovalRules } from './ApprovalRules';
import {
  personName,
  relative,
  STATE_COLORS,
  versionLabel,
} from './approvalFormat';
import { DecisionDialog } from './DecisionDialog';
import { DeployRunInfo } from './DeployRunInfo';
import { ExternalApprovalInfo } from './ExternalApprovalInfo';

/** Props of {@link ApprovalRequestCard}. */
export interface ApprovalRequestCardProps {
  request: ApprovalRequest;
  /** Shows the entity's name in the title (for the inbox, which spans entities). */
  showEntity?: boolean;
  /** Called after the signed-in user decided. */
  onDecided: () => void;
  /** Opens a run's details, e.g. the deploy run an approval started. */
  onOpenRun?: (uid: string) => void;
}

/**
 * One approval request: what is promoted, by whom, each rule's progress and the gates; Approve
 * and Reject for a user who may decide (the backend says who may), else why not; once approved,
 * the deploy run Slipway started for it (or why it could not); its history.
 */
export function ApprovalRequestCard(props: ApprovalRequestCardProps) {
  const { request, showEntity, onDecided, onOpenRun } = props;
  const api = useApi(deliveryApiRef);
  const details = useAsyncRetry(
    () => api.getApproval(request.id),
    [api, request.id],
  );
  const [decision, setDecision] = useState<'approve' | 'reject'>();
  const [showHistory, setShowHistory] = useState(false);
  const current = details.value ?? request;
  const title = `${
    showEntity ? `${personName(request.entityRef)} ` : ''
  }${versionLabel(request.version, request.revision)} → ${request.environment}`;

  return (
    <Paper
      variant="outlined"
      style={{ padding: 12 }}
      aria-label={`approval request ${title}`}
    >
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="center"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle2">{title}</Typography>
        <Chip
          size="small"
          label={current.state}
          style={{
            backgroundColor: STATE_COLORS[current.state],
            color: '#fff',
            flexShrink: 0,
          }}
        />
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        Asked by {personName(current.requestedBy)} {relative(current.createdAt)}
        {current.state === 'pending' &&
          !current.external &&
          ` · expires ${relative(current.expiresAt)}`}
        {current.validUntil && ` · valid until ${relative(current.validUntil)}`}
      </Typography>
      <Box mt={1}>
        <ApprovalRules request={current} />
      </Box>
      {current.deployRun && (
        <Box mt={1}>
          <DeployRunInfo deployRun={current.deployRun} onOpenRun={onOpenRun} />
        </Box>
      )}
      {current.unresolvedIdentities &&
        current.unresolvedIdentities.length > 0 && (
          <Typography
            variant="body2"
            color={current.blockedByUnresolved ? 'error' : 'textSecondary'}
            role={current.blockedByUnresolved ? 'alert' : undefined}
          >
            {current.blockedByUnresolved ? 'Blocked: ' : ''}
            {current.unresolvedIdentities.join(', ')}{' '}
            {current.unresolvedIdentities.length === 1 ? 'matches' : 'match'} no
            catalog user, so self-approval cannot be checked for{' '}
            {current.unresolvedIdentities.length === 1 ? 'it' : 'them'}
            {current.blockedByUnresolved
              ? '; map it (e-mail or a github.com/user-login annotation) or cancel the request'
              : ''}
          </Typography>
        )}
      {current.external && (
        <ExternalApprovalInfo
          external={current.external}
          showCommands={Boolean(details.value?.viewer.command)}
        />
      )}
      {details.loading && !details.value && <Progress />}
      {details.error && <ResponseErrorPanel error={details.error} />}
      {details.value && (
        <Box
          mt={1}
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          {details.value.viewer.canDecide ? (
            <>
              <Button
                size="small"
                color="primary"
                variant="contained"
                onClick={() => setDecision('approve')}
              >
                Approve
              </Button>
              <Button
                size="small"
                color="secondary"
                variant="outlined"
                onClick={() => setDecision('reject')}
              >
                Reject
              </Button>
            </>
          ) : (
            current.state === 'pending' && (
              <Typography variant="caption" color="textSecondary">
                {details.value.viewer.reason}
              </Typography>
            )
          )}
          <Button size="small" onClick={() => setShowHistory(v => !v)}>
            {showHistory ? 'Hide history' : 'History'}
          </Button>
        </Box>
      )}
      <Collapse in={showHistory && Boolean(details.value)}>
        {details.value && <ApprovalHistory history={details.value.history} />}
      </Collapse>
      <DecisionDialog
        request={current}
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDone={() => {
          setDecision(undefined);
          details.retry();
          onDecided();
        }}
      />
    </Paper>
  );
}
