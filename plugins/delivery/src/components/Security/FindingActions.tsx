import Box from '@material-ui/core/Box';
import { Finding } from '@slipway/plugin-delivery-common';
import { ActionWording, EntityPermission, GatedButton } from '../shared';

const SUPPRESS: ActionWording = {
  owners: 'suppress its findings',
  anyone: 'suppress this finding',
};
const UNSUPPRESS: ActionWording = {
  owners: 'unsuppress its findings',
  anyone: 'unsuppress this finding',
};

/**
 * Suppress (for an unsuppressed, not fixed finding) or Unsuppress (for one a user suppressed;
 * suppressions written in a report can only be lifted by the report); disabled, saying why,
 * for a user without the permission. Clicks, also on a disabled button, do not reach the row,
 * so they do not expand it.
 */
export function FindingActions(props: {
  finding: Finding;
  /** The user's `delivery.finding.suppress` on the finding's entity. */
  access: EntityPermission;
  busy: boolean;
  onSuppress: (finding: Finding) => void;
  onUnsuppress: (finding: Finding) => void;
}) {
  const { finding, access, busy, onSuppress, onUnsuppress } = props;
  const canSuppress = !finding.suppression && finding.status !== 'fixed';
  const canUnsuppress = finding.suppression?.source === 'user';
  if (!canSuppress && !canUnsuppress) {
    return null;
  }
  return (
    <Box
      display="flex"
      style={{ gap: 8 }}
      onClick={event => event.stopPropagation()}
    >
      {canSuppress && (
        <GatedButton
          access={access}
          wording={SUPPRESS}
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={() => onSuppress(finding)}
          aria-label={`Suppress ${finding.ruleId}`}
        >
          Suppress
        </GatedButton>
      )}
      {canUnsuppress && (
        <GatedButton
          access={access}
          wording={UNSUPPRESS}
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={() => onUnsuppress(finding)}
          aria-label={`Unsuppress ${finding.ruleId}`}
        >
          Unsuppress
        </GatedButton>
      )}
    </Box>
  );
}
