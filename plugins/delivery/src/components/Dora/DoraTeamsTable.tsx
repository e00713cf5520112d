import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { DoraBand, DoraRollupReport } from '@slipway/plugin-delivery-common';
import { useMemo } from 'react';
import { DoraBandChip } from './DoraBandChip';
import {
  DORA_METRICS,
  DoraMetricDefinition,
  DoraMetricId,
} from './doraMetrics';

/** One team of the table: its pooled report, or why there is none. */
export interface DoraTeamRow {
  /** e.g. `group:default/payments`. */
  groupRef: string;
  report?: DoraRollupReport;
  error?: string;
}

/** The number each metric column sorts by; `null` sorts last. */
const SORT_VALUES: Record<
  DoraMetricId,
  (r: DoraRollupReport) => number | null
> = {
  deploymentFrequency: r => r.deploymentsPerDay,
  leadTime: r => r.leadTimeMedianSeconds,
  changeFailureRate: r => r.changeFailureRate,
  recoveryTime: r => r.failedDeploymentRecoveryTimeMedianSeconds,
  reworkRate: r => r.deploymentReworkRate,
};

function compareNullable(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

function MetricCell(props: { metric: DoraMetricDefinition; row: DoraTeamRow }) {
  const { metric, row } = props;
  if (!row.report) {
    return null;
  }
  const band: DoraBand | null | undefined = metric.band(row.report);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 6 }}>
      <Typography variant="body2" component="span">
        {metric.value(row.report)}
      </Typography>
      {band !== undefined && (
        <DoraBandChip
          band={band}
          metric={metric.title}
          detail={metric.thresholds}
        />
      )}
    </Box>
  );
}

function metricColumn(metric: DoraMetricDefinition): TableColumn<DoraTeamRow> {
  const value = SORT_VALUES[metric.id];
  return {
    title: metric.title,
    customSort: (a, b) =>
      compareNullable(
        a.report ? value(a.report) : null,
        b.report ? value(b.report) : null,
      ),
    render: row => <MetricCell metric={metric} row={row} />,
  };
}

/** Teams with their pooled DORA metrics and bands; sortable by every column. */
export function DoraTeamsTable(props: { rows: DoraTeamRow[]; title: string }) {
  const { rows, title } = props;
  // material-table writes its bookkeeping into the rows: give it copies.
  const data = useMemo(() => rows.map(row => ({ ...row })), [rows]);
  const columns: TableColumn<DoraTeamRow>[] = [
    {
      title: 'Team',
      field: 'groupRef',
      defaultSort: 'asc',
      render: row => (
        <EntityRefLink entityRef={row.groupRef} defaultKind="group" />
      ),
    },
    {
      title: 'Components',
      type: 'numeric',
      customSort: (a, b) =>
        (a.report?.entityRefs?.length ?? -1) -
        (b.report?.entityRefs?.length ?? -1),
      render: row =>
        row.error ? (
          <Typography variant="body2" color="error">
            {row.error}
          </Typography>
        ) : (
          row.report?.entityRefs?.length ?? 0
        ),
    },
    ...DORA_METRICS.map(metricColumn),
  ];
  return (
    <Table<DoraTeamRow>
      title={title}
      columns={columns}
      data={data}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        thirdSortClick: false,
      }}
    />
  );
}
