import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  FINDING_SEVERITIES,
  FindingSeverity,
  SecurityPostureRow,
} from '@slipway/plugin-delivery-common';
import { useCallback, useMemo, useState } from 'react';
import { severityLabel } from '../Security/findingFormat';
import { SeverityChip } from '../Security/SeverityChip';
import { byOpenCounts, comparePosture } from './comparePosture';
import { ComponentsCell } from './ComponentsCell';

function Count(props: { value: number; label: string }) {
  const { value, label } = props;
  return (
    <Typography
      variant="body2"
      aria-label={`${value} ${label}`}
      color={value > 0 ? 'error' : 'textSecondary'}
      style={{ fontWeight: value > 0 ? 600 : undefined }}
    >
      {value}
    </Typography>
  );
}

function severityColumn(
  severity: FindingSeverity,
): TableColumn<SecurityPostureRow> {
  return {
    title: severityLabel(severity),
    field: `open.${severity}`,
    type: 'numeric',
    customSort: byOpenCounts(severity),
    defaultSort: severity === 'critical' ? 'desc' : undefined,
    render: row => (
      <SeverityChip
        severity={severity}
        count={row.open[severity] ?? 0}
        muted={!row.open[severity]}
      />
    ),
  };
}

/**
 * Props of {@link SecurityPostureTable}.
 *
 * @public
 */
export interface SecurityPostureTableProps {
  teams: SecurityPostureRow[];
  /** Defaults to "Security posture by team". */
  title?: string;
}

/**
 * Teams with their components' open findings by severity, overdue findings and open secrets;
 * sortable, most critical (then most high) first.
 *
 * @public
 */
export function SecurityPostureTable(props: SecurityPostureTableProps) {
  const { teams, title = 'Security posture by team' } = props;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((owner: string) => {
    setExpanded(current => {
      const next = new Set(current);
      if (!next.delete(owner)) next.add(owner);
      return next;
    });
  }, []);
  // material-table writes its bookkeeping into the rows: give it copies.
  const data = useMemo(
    () => teams.map(team => ({ ...team })).sort(comparePosture),
    [teams],
  );

  const columns: TableColumn<SecurityPostureRow>[] = [
    {
      title: 'Owner',
      field: 'owner',
      render: row =>
        row.owner === 'unknown' ? (
          <Typography variant="body2" color="textSecondary">
            Unknown owner
          </Typography>
        ) : (
          <EntityRefLink entityRef={row.owner} defaultKind="group" />
        ),
    },
    {
      title: 'Components',
      field: 'entities',
      customSort: (a, b) => a.entities.length - b.entities.length,
      render: row => (
        <ComponentsCell
          owner={row.owner}
          entities={row.entities}
          expanded={expanded.has(row.owner)}
          onToggle={() => toggle(row.owner)}
        />
      ),
    },
    ...FINDING_SEVERITIES.map(severityColumn),
    {
      title: 'Overdue',
      field: 'overdue',
      type: 'numeric',
      render: row => <Count value={row.overdue} label="overdue" />,
    },
    {
      title: 'Secrets',
      field: 'openSecrets',
      type: 'numeric',
      render: row => <Count value={row.openSecrets} label="open secrets" />,
    },
  ];

  return (
    <Table<SecurityPostureRow>
      title={title}
      columns={columns}
      data={data}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        keepSortDirectionOnColumnSwitch: true,
        thirdSortClick: false,
      }}
    />
  );
}
