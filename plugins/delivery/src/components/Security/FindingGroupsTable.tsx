import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Finding } from '@slipway/plugin-delivery-common';
import { ReactNode, useMemo } from 'react';
import {
  FindingGrouping,
  groupByPackage,
  groupByVulnerability,
  PackageGroup,
  VulnerabilityGroup,
} from './groupFindings';
import { SeverityChip } from './SeverityChip';

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

function Lines(props: { items: string[]; code?: boolean }) {
  return (
    <>
      {props.items.map(item => (
        <Typography
          key={item}
          variant="body2"
          component={props.code ? 'code' : 'div'}
          style={{ display: 'block', overflowWrap: 'anywhere' }}
        >
          {item}
        </Typography>
      ))}
    </>
  );
}

function Caption(props: { children: ReactNode }) {
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="div"
      style={{ overflowWrap: 'anywhere' }}
    >
      {props.children}
    </Typography>
  );
}

const vulnerabilityColumns: TableColumn<VulnerabilityGroup>[] = [
  {
    title: 'Severity',
    field: 'severity',
    width: '100px',
    render: g => <SeverityChip severity={g.severity} />,
  },
  {
    title: 'Vulnerability',
    field: 'ruleId',
    width: '35%',
    render: g => (
      <>
        <Typography variant="body2" style={{ fontWeight: 500 }}>
          {g.title}
        </Typography>
        <Caption>{[g.ruleId, ...g.aliases].join(' · ')}</Caption>
      </>
    ),
  },
  {
    title: 'Affected',
    field: 'affected',
    render: g => (
      <>
        <Typography variant="body2" style={{ fontWeight: 500 }}>
          {plural(
            g.affected.length,
            'package or location',
            'packages or locations',
          )}
        </Typography>
        <Lines items={g.affected} />
      </>
    ),
  },
  {
    title: 'Found in',
    field: 'targets',
    render: g => <Lines items={g.targets} code />,
  },
];

const packageColumns: TableColumn<PackageGroup>[] = [
  {
    title: 'Severity',
    field: 'severity',
    width: '100px',
    render: g => <SeverityChip severity={g.severity} />,
  },
  {
    title: 'Package',
    field: 'package',
    render: g =>
      g.package ? (
        <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
          {g.package}
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No package (code, secrets, configuration)
        </Typography>
      ),
  },
  {
    title: 'Findings',
    field: 'findings',
    render: g => g.findings.length,
  },
  {
    title: 'Installed → fixed',
    field: 'versions',
    render: g => (g.versions.length ? <Lines items={g.versions} /> : '—'),
  },
  {
    title: 'Rules',
    field: 'ruleIds',
    render: g => <Lines items={g.ruleIds} />,
  },
];

/**
 * Props of {@link FindingGroupsTable}.
 *
 * @public
 */
export interface FindingGroupsTableProps {
  /** The findings loaded so far; the groups cover only these. */
  findings: Finding[];
  grouping: Exclude<FindingGrouping, 'finding'>;
  title: string;
  /** Shown in place of rows when `findings` is empty. */
  emptyMessage?: string;
  /** True when more findings can be loaded, which the groups do not cover yet. */
  hasMore?: boolean;
}

/** What both tables share: title, subtitle, options and empty content. */
interface SharedTableProps {
  title: string;
  subtitle: string;
  options: { paging: false; search: false; padding: 'dense'; sorting: false };
  emptyContent: ReactNode;
}

function VulnerabilityGroupsTable(
  props: SharedTableProps & { findings: Finding[] },
) {
  const { findings, ...shared } = props;
  const groups = useMemo(() => groupByVulnerability(findings), [findings]);
  return (
    <Table<VulnerabilityGroup>
      {...shared}
      columns={vulnerabilityColumns}
      data={groups}
    />
  );
}

function PackageGroupsTable(props: SharedTableProps & { findings: Finding[] }) {
  const { findings, ...shared } = props;
  const groups = useMemo(() => groupByPackage(findings), [findings]);
  return (
    <Table<PackageGroup> {...shared} columns={packageColumns} data={groups} />
  );
}

/**
 * The loaded findings grouped by vulnerability (rule id: worst severity and the packages or
 * locations it affects) or by package (findings, worst severity, installed → fixed versions
 * and rule ids), worst first. The subtitle says how many findings the groups are over.
 *
 * @public
 */
export function FindingGroupsTable(props: FindingGroupsTableProps) {
  const { findings, grouping, title, emptyMessage, hasMore } = props;
  const shared: SharedTableProps = {
    title,
    subtitle: `Grouped over the ${plural(
      findings.length,
      'finding',
      'findings',
    )} loaded${hasMore ? '; load more to include the rest' : ''}`,
    options: { paging: false, search: false, padding: 'dense', sorting: false },
    emptyContent: (
      <Typography variant="body2" align="center" style={{ padding: 16 }}>
        {emptyMessage ?? 'No findings'}
      </Typography>
    ),
  };
  return grouping === 'vulnerability' ? (
    <VulnerabilityGroupsTable {...shared} findings={findings} />
  ) : (
    <PackageGroupsTable {...shared} findings={findings} />
  );
}
