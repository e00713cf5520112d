import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import CloseIcon from '@material-ui/icons/Close';
import {
  ApprovalGateStatus,
  ApprovalRequest,
} from '@slipway/plugin-delivery-common';
import { personName } from './approvalFormat';

/** Each rule's progress ("1 of 2 · Release managers") and each gate, passed or failing. */
export function ApprovalRules(props: { request: ApprovalRequest }) {
  const { request } = props;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
      {request.rules.map(rule => (
        <Tooltip
          key={rule.name}
          title={`May approve: ${
            rule.eligible.map(personName).join(', ') || 'nobody'
          }`}
        >
          <Typography variant="body2">
            {rule.satisfied ? '✔' : '○'} {rule.name}: {rule.approvedBy.length}{' '}
            of {rule.required}
            {rule.approvedBy.length > 0 &&
              ` (${rule.approvedBy.map(personName).join(', ')})`}
          </Typography>
        </Tooltip>
      ))}
      {request.gates.length > 0 && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {request.gates.map(gate => (
            <Tooltip key={gate.name} title={gate.detail}>
              <Chip
                size="small"
                variant="outlined"
                icon={gate.passed ? <CheckIcon /> : <CloseIcon />}
                label={gate.name}
                aria-label={`gate ${gate.name} ${
                  gate.passed ? 'passes' : 'fails'
                }`}
              />
            </Tooltip>
          ))}
        </Box>
      )}
      {request.gates
        .filter(gate => gate.scans && gate.scans.length > 0)
        .map(gate => (
          <Typography
            key={`${gate.name}-scans`}
            variant="caption"
            color="textSecondary"
          >
            {gate.name} based on: {gate.scans!.map(scanLabel).join('; ')}
          </Typography>
        ))}
    </Box>
  );
}

type GateScan = NonNullable<ApprovalGateStatus['scans']>[number];

/** "trivy scan of run abc123 (8 Dec)" or "semgrep scan uploaded by Ada (8 Dec)". */
function scanLabel(scan: GateScan): string {
  const day = new Date(scan.receivedAt).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
  });
  const source = scan.runUid
    ? `of run ${scan.runUid.slice(0, 12)}`
    : `uploaded by ${personName(scan.uploadedBy ?? 'unknown')}`;
  return `${scan.tool} scan ${source} (${day})`;
}
