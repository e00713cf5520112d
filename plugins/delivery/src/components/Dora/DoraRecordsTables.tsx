import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import {
  DoraRecordsResponse,
  DoraReport,
} from '@slipway/plugin-delivery-common';
import { useMemo } from 'react';
import { DORA_BAND_COLOURS } from './DoraBandChip';
import { formatDoraDuration, formatTimestamp, NO_VALUE } from './doraFormat';

type Deployment = DoraRecordsResponse['deployments'][number];
type Incident = DoraRecordsResponse['incidents'][number];

/** A deployment with what the report made of it. */
interface DeploymentRow extends Deployment {
  counted: boolean;
  failed: boolean;
  rework: boolean;
  incidentIds: string[];
}

/** A commit, or a lead-time sample whose commit was authored before the window. */
interface ChangeRow {
  sha: string;
  authoredAt?: string;
  isMerge: boolean;
  shippedBy?: string;
  leadTimeSeconds?: number;
}

/** An incident with the deployment it is attributed to. */
interface IncidentRow extends Incident {
  attributedTo?: string;
}

const short = (sha: string | undefined) => (sha ? sha.slice(0, 8) : NO_VALUE);

function Flag(props: { label: string; colour?: string; text?: string }) {
  const { label, colour, text } = props;
  return (
    <Chip
      size="small"
      label={label}
      aria-label={label}
      variant={colour ? 'default' : 'outlined'}
      style={{
        margin: 2,
        ...(colour ? { backgroundColor: colour, color: text } : {}),
      }}
    />
  );
}

const options = {
  paging: true,
  pageSize: 10,
  pageSizeOptions: [10, 25, 100],
  emptyRowsWhenPaging: false,
  search: false,
  padding: 'dense' as const,
};

/** The rows of the three tables, joined with the report's drill-down. */
export function doraRecordRows(
  records: DoraRecordsResponse,
  report: DoraReport,
) {
  const dd = report.drillDown;
  const counted = new Set(dd.deployments);
  const rework = new Set(dd.reworkDeployments);
  const failures = new Map(
    dd.failedDeployments.map(f => [f.deploymentId, f.incidentIds]),
  );
  const samples = new Map(dd.leadTimeSamples.map(s => [s.sha, s]));
  const attributed = new Map<string, string>();
  for (const f of dd.failedDeployments) {
    for (const id of f.incidentIds) attributed.set(id, f.deploymentId);
  }

  const deployments: DeploymentRow[] = records.deployments
    .map(d => ({
      ...d,
      counted: counted.has(d.id),
      failed: failures.has(d.id),
      rework: rework.has(d.id),
      incidentIds: failures.get(d.id) ?? [],
    }))
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));

  const seen = new Set<string>();
  const changes: ChangeRow[] = records.changes.map(c => {
    seen.add(c.sha);
    const sample = samples.get(c.sha);
    return {
      sha: c.sha,
      authoredAt: c.authoredAt,
      isMerge: c.isMerge,
      shippedBy: sample?.deploymentId ?? c.deploymentId,
      leadTimeSeconds: sample?.seconds,
    };
  });
  for (const s of dd.leadTimeSamples) {
    if (!seen.has(s.sha)) {
      changes.push({
        sha: s.sha,
        isMerge: false,
        shippedBy: s.deploymentId,
        leadTimeSeconds: s.seconds,
      });
    }
  }
  changes.sort((a, b) =>
    (b.authoredAt ?? '').localeCompare(a.authoredAt ?? ''),
  );

  const incidents: IncidentRow[] = records.incidents
    .map(i => ({ ...i, attributedTo: attributed.get(i.id) }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));

  return { deployments, changes, incidents };
}

const deploymentColumns: TableColumn<DeploymentRow>[] = [
  { title: 'Deployment', field: 'id' },
  { title: 'Environment', field: 'environment' },
  { title: 'Status', field: 'status' },
  {
    title: 'Finished',
    field: 'finishedAt',
    defaultSort: 'desc',
    render: d => formatTimestamp(d.finishedAt),
  },
  { title: 'Commit', field: 'commitSha', render: d => short(d.commitSha) },
  { title: 'Version', field: 'version', render: d => d.version ?? NO_VALUE },
  {
    title: 'In the numbers',
    sorting: false,
    render: d => (
      <Box display="flex" flexWrap="wrap">
        {d.counted ? (
          <Flag label="counted" />
        ) : (
          <span title="Not a production-tier success in this window">
            {NO_VALUE}
          </span>
        )}
        {d.failed && (
          <span title={`Incidents: ${d.incidentIds.join(', ')}`}>
            <Flag
              label="failed"
              colour={DORA_BAND_COLOURS.low.background}
              text={DORA_BAND_COLOURS.low.color}
            />
          </span>
        )}
        {d.rework && (
          <Flag
            label="rework"
            colour={DORA_BAND_COLOURS.medium.background}
            text={DORA_BAND_COLOURS.medium.color}
          />
        )}
      </Box>
    ),
  },
];

const changeColumns: TableColumn<ChangeRow>[] = [
  {
    title: 'Commit',
    field: 'sha',
    render: c => (
      <span title={c.sha}>
        {short(c.sha)}
        {c.isMerge ? ' (merge)' : ''}
      </span>
    ),
  },
  {
    title: 'Authored',
    field: 'authoredAt',
    defaultSort: 'desc',
    render: c =>
      c.authoredAt ? formatTimestamp(c.authoredAt) : 'before the window',
  },
  {
    title: 'Shipped by',
    field: 'shippedBy',
    render: c => c.shippedBy ?? 'not shipped',
  },
  {
    title: 'Lead time',
    field: 'leadTimeSeconds',
    type: 'numeric',
    render: c => formatDoraDuration(c.leadTimeSeconds),
  },
];

const incidentColumns: TableColumn<IncidentRow>[] = [
  { title: 'Incident', field: 'id' },
  {
    title: 'Started',
    field: 'startedAt',
    defaultSort: 'desc',
    render: i => formatTimestamp(i.startedAt),
  },
  {
    title: 'Resolved',
    field: 'resolvedAt',
    render: i => (i.resolvedAt ? formatTimestamp(i.resolvedAt) : 'open'),
  },
  {
    title: 'Caused by',
    field: 'causedByDeploymentId',
    render: i =>
      i.causedByDeploymentId ??
      (i.attributedTo ? `${i.attributedTo} (attributed)` : NO_VALUE),
  },
];

/**
 * The deployments, changes and incidents behind an entity's DORA numbers, each flagged with
 * what the report made of it: counted or failed or rework deployments, shipping deployment and
 * lead time of each commit, the deployment each incident is attributed to.
 */
export function DoraRecordsTables(props: {
  records: DoraRecordsResponse;
  report: DoraReport;
}) {
  const { records, report } = props;
  const rows = useMemo(
    () => doraRecordRows(records, report),
    [records, report],
  );
  return (
    <>
      <Box mb={2} id="dora-deployments">
        <Table<DeploymentRow>
          title={`Deployments (${rows.deployments.length})`}
          columns={deploymentColumns}
          data={rows.deployments}
          options={options}
        />
      </Box>
      <Box mb={2} id="dora-changes">
        <Table<ChangeRow>
          title={`Changes (${rows.changes.length})`}
          columns={changeColumns}
          data={rows.changes}
          options={options}
        />
      </Box>
      <Box id="dora-incidents">
        <Table<IncidentRow>
          title={`Incidents (${rows.incidents.length})`}
          columns={incidentColumns}
          data={rows.incidents}
          options={options}
        />
      </Box>
    </>
  );
}
