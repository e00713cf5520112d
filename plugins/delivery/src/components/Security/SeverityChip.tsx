import Chip from '@material-ui/core/Chip';
import { FindingSeverity } from '@slipway/plugin-delivery-common';
import { severityLabel } from './findingFormat';

/**
 * Background and text colour of each severity; text contrast is at least 4.5:1.
 *
 * @public
 */
export const SEVERITY_COLOURS: Record<
  FindingSeverity,
  { background: string; color: string }
> = {
  critical: { background: '#7f0000', color: '#ffffff' },
  high: { background: '#c62828', color: '#ffffff' },
  medium: { background: '#ef6c00', color: '#212121' },
  low: { background: '#fbc02d', color: '#212121' },
  info: { background: '#757575', color: '#ffffff' },
};

/**
 * Props of {@link SeverityChip}.
 *
 * @public
 */
export interface SeverityChipProps {
  severity: FindingSeverity;
  /** Shown before the label (`3 High`), e.g. for counts in a summary. */
  count?: number;
  /** Greys the chip out, e.g. for a count of zero. */
  muted?: boolean;
}

/**
 * A small chip coloured by severity (critical dark red, high red, medium orange, low yellow,
 * info grey), labelled in words so colour is never the only cue.
 *
 * @public
 */
export function SeverityChip(props: SeverityChipProps) {
  const { severity, count, muted } = props;
  const label =
    count === undefined
      ? severityLabel(severity)
      : `${count} ${severityLabel(severity)}`;
  const colours = SEVERITY_COLOURS[severity];
  return (
    <Chip
      size="small"
      label={label}
      aria-label={
        count === undefined
          ? `Severity ${severity}`
          : `${count} ${severity} severity`
      }
      variant={muted ? 'outlined' : 'default'}
      style={
        muted
          ? { margin: 0 }
          : {
              margin: 0,
              backgroundColor: colours.background,
              color: colours.color,
              fontWeight: 600,
            }
      }
    />
  );
}
