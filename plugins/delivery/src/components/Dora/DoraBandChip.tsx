import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { DoraBand } from '@slipway/plugin-delivery-common';

/**
 * Background and text colour of each band (elite green, high light green, medium amber, low
 * red); text contrast is at least 4.5:1.
 *
 * @public
 */
export const DORA_BAND_COLOURS: Record<
  DoraBand,
  { background: string; color: string }
> = {
  elite: { background: '#1b5e20', color: '#ffffff' },
  high: { background: '#8bc34a', color: '#212121' },
  medium: { background: '#ffb300', color: '#212121' },
  low: { background: '#c62828', color: '#ffffff' },
};

/** Where the band thresholds come from, shown in the chip's tooltip. */
export const DORA_BAND_SOURCE = 'DevLake 2023 bands';

/**
 * Props of {@link DoraBandChip}.
 *
 * @public
 */
export interface DoraBandChipProps {
  /** `null` when the metric is undefined (no deployments or no samples). */
  band: DoraBand | null;
  /** The metric the band is of, for the accessible name (`Lead time band: elite`). */
  metric?: string;
  /** Extra tooltip text after the source, e.g. the thresholds. */
  detail?: string;
}

/**
 * A small chip naming a DORA performance band in its colour; the tooltip names the source of
 * the thresholds. A `null` band is a grey outlined "no data" chip.
 *
 * @public
 */
export function DoraBandChip(props: DoraBandChipProps) {
  const { band, metric, detail } = props;
  const label = band ?? 'no data';
  let title = DORA_BAND_SOURCE;
  if (detail) {
    title = `${DORA_BAND_SOURCE}: ${detail}`;
  } else if (!band) {
    title = `No data: nothing to band (${DORA_BAND_SOURCE})`;
  }
  const colours = band ? DORA_BAND_COLOURS[band] : undefined;
  return (
    <Tooltip title={title}>
      <Chip
        size="small"
        label={label}
        aria-label={metric ? `${metric} band: ${label}` : `Band: ${label}`}
        variant={colours ? 'default' : 'outlined'}
        style={
          colours
            ? {
                margin: 0,
                backgroundColor: colours.background,
                color: colours.color,
                fontWeight: 600,
              }
            : { margin: 0, color: '#616161' }
        }
      />
    </Tooltip>
  );
}
