import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { FindingTrendPoint } from '@slipway/plugin-delivery-common';
import { Area, AreaChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from './findingFormat';
import { SEVERITY_COLOURS } from './SeverityChip';

/** One day of the chart: critical and high apart (they are what matters), the rest pooled. */
interface TrendDatum {
  date: string;
  Critical: number;
  High: number;
  Other: number;
}

function toDatum(point: FindingTrendPoint): TrendDatum {
  const open = point.open;
  return {
    date: point.date,
    Critical: open.critical ?? 0,
    High: open.high ?? 0,
    Other: (open.medium ?? 0) + (open.low ?? 0) + (open.info ?? 0),
  };
}

const total = (d: TrendDatum) => d.Critical + d.High + d.Other;

/**
 * True when at least two days of the trend had open findings: a single day, or a window with
 * nothing open, is no trend worth drawing.
 */
export function hasTrendData(
  points: FindingTrendPoint[] | undefined,
): points is FindingTrendPoint[] {
  return (points ?? []).filter(p => total(toDatum(p)) > 0).length >= 2;
}

/**
 * Props of {@link FindingsTrendSparkline}.
 *
 * @public
 */
export interface FindingsTrendSparklineProps {
  /** One point per day, oldest first. */
  points?: FindingTrendPoint[];
  /** The window the points cover, for the label. */
  days: number;
}

/**
 * A small stacked area chart of open findings per day (critical and high in their severity
 * colours, the rest in grey) with a one-line summary in words. Renders nothing unless
 * {@link hasTrendData}.
 *
 * @public
 */
export function FindingsTrendSparkline(props: FindingsTrendSparklineProps) {
  const { points, days } = props;
  if (!hasTrendData(points)) {
    return null;
  }
  const data = points.map(toDatum);
  const first = data[0];
  const last = data[data.length - 1];
  const label = `Open findings over ${days} days`;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        Last {days} days
      </Typography>
      <Box role="img" aria-label={label} title={label}>
        <AreaChart
          width={300}
          height={64}
          data={data}
          margin={{ top: 4, right: 0, bottom: 0, left: 0 }}
        >
          <XAxis dataKey="date" hide />
          <YAxis hide allowDecimals={false} />
          <Tooltip labelFormatter={date => formatDate(String(date))} />
          <Area
            type="monotone"
            dataKey="Critical"
            stackId="open"
            stroke={SEVERITY_COLOURS.critical.background}
            fill={SEVERITY_COLOURS.critical.background}
            isAnimationActive={false}
          />
          <Area
            type="monotone"
            dataKey="High"
            stackId="open"
            stroke={SEVERITY_COLOURS.high.background}
            fill={SEVERITY_COLOURS.high.background}
            isAnimationActive={false}
          />
          <Area
            type="monotone"
            dataKey="Other"
            stackId="open"
            stroke="#9e9e9e"
            fill="#e0e0e0"
            isAnimationActive={false}
          />
        </AreaChart>
      </Box>
      <Typography variant="caption" color="textSecondary">
        {total(last)} open now ({last.Critical + last.High} critical or high),{' '}
        {total(first)} on {formatDate(first.date)}
      </Typography>
    </Box>
  );
}
