import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { Finding } from '@slipway/plugin-delivery-common';
import { MouseEvent } from 'react';

/**
 * Suppress (for an unsuppressed, not fixed finding) or Unsuppress (for one a user suppressed;
 * suppressions written in a report can only be lifted by the report). Clicks do not reach the
 * row, so they do not expand it.
 */
export function FindingActions(props: {
  finding: Finding;
  busy: boolean;
  onSuppress: (finding: Finding) => void;
  onUnsuppress: (finding: Finding) => void;
}) {
  const { finding, busy, onSuppress, onUnsuppress } = props;
  const handle =
    (action: (f: Finding) => void) => (event: MouseEvent<HTMLElement>) => {
      event.stopPropagation();
      action(finding);
    };
  const canSuppress = !finding.suppression && finding.status !== 'fixed';
  const canUnsuppress = finding.suppression?.source === 'user';
  if (!canSuppress && !canUnsuppress) {
    return null;
  }
  return (
    <Box display="flex" style={{ gap: 8 }}>
      {canSuppress && (
        <Button
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={handle(onSuppress)}
          aria-label={`Suppress ${finding.ruleId}`}
        >
          Suppress
        </Button>
      )}
      {canUnsuppress && (
        <Button
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={handle(onUnsuppress)}
          aria-label={`Unsuppress ${finding.ruleId}`}
        >
          Unsuppress
        </Button>
      )}
    </Box>
  );
}
