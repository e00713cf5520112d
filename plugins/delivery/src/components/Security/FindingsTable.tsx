import { stringifyEntityRef } from '@backstage/catalog-model';
import { Table, TableColumn } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  deliveryFindingSuppressPermission,
  Finding,
} from '@slipway/plugin-delivery-common';
import { useCallback, useState } from 'react';
import { deliveryApiRef } from '../../api';
import { formatRelative } from '../../utils/format';
import { useEntityPermission } from '../shared';
import { FindingActions } from './FindingActions';
import { FindingDetails } from './FindingDetails';
import {
  formatDate,
  formatDateTime,
  formatLocation,
  formatVersions,
  suppressionReasonLabel,
} from './findingFormat';
import { SeverityChip } from './SeverityChip';
import { SuppressDialog } from './SuppressDialog';

const STATUS_LABELS: Record<Finding['status'], string> = {
  open: 'Open',
  reopened: 'Reopened',
  fixed: 'Fixed',
};

function StatusCell(props: { finding: Finding }) {
  const { finding } = props;
  const { suppression } = finding;
  return (
    <>
      <Typography variant="body2">
        {STATUS_LABELS[finding.status]}
        {finding.status === 'fixed' && finding.fixedAt
          ? ` ${formatRelative(finding.fixedAt)}`
          : ''}
      </Typography>
      {suppression && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          title={[
            suppressionReasonLabel(suppression.reason),
            suppression.comment,
            suppression.author,
          ]
            .filter(Boolean)
            .join(' · ')}
        >
          {suppression.source === 'report'
            ? 'Suppressed in report'
            : `Suppressed until ${formatDate(suppression.expiresAt)}`}
        </Typography>
      )}
    </>
  );
}

function SlaCell(props: { finding: Finding }) {
  const { finding } = props;
  if (finding.status === 'fixed' || !finding.slaDueAt) {
    return <>—</>;
  }
  return (
    <>
      <Typography
        variant="body2"
        title={`SLA due ${formatDateTime(finding.slaDueAt)}`}
      >
        {formatDate(finding.slaDueAt)}
      </Typography>
      {finding.overdue && (
        <Chip
          size="small"
          label="Overdue"
          style={{
            margin: 0,
            backgroundColor: '#b71c1c',
            color: '#ffffff',
          }}
        />
      )}
    </>
  );
}

/**
 * Props of {@link FindingsTable}.
 *
 * @public
 */
export interface FindingsTableProps {
  findings: Finding[];
  title: string;
  /** Shown in place of rows when `findings` is empty. */
  emptyMessage?: string;
  /** Called after a finding was suppressed or unsuppressed, to re-read the list and the gate. */
  onChanged: () => void;
}

/**
 * Findings of the entity page's entity as a table (no client-side paging: pages come from the
 * backend). A row click, or its details button, expands the finding's description and
 * references. Suppress and Unsuppress need `delivery.finding.suppress` on the entity: without
 * it they are disabled and say why.
 *
 * @public
 */
export function FindingsTable(props: FindingsTableProps) {
  const { findings, title, emptyMessage, onChanged } = props;
  const api = useApi(deliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const { entity } = useEntity();
  const access = useEntityPermission(
    deliveryFindingSuppressPermission,
    stringifyEntityRef(entity),
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [suppressing, setSuppressing] = useState<Finding>();
  const [busy, setBusy] = useState<string>();

  const toggle = useCallback((id: string) => {
    setExpanded(current => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const unsuppress = async (finding: Finding) => {
    setBusy(finding.id);
    try {
      await api.unsuppressFinding(finding.id);
      alertApi.post({
        message: `${finding.ruleId} is no longer suppressed`,
        severity: 'success',
        display: 'transient',
      });
      onChanged();
    } catch (error) {
      alertApi.post({
        message: `Could not unsuppress ${finding.ruleId}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };

  const columns: TableColumn<Finding>[] = [
    {
      title: 'Severity',
      field: 'severity',
      width: '100px',
      render: f => <SeverityChip severity={f.severity} />,
    },
    {
      title: 'Finding',
      field: 'title',
      width: '35%',
      render: f => {
        const open = expanded.has(f.id);
        return (
          <>
            <Typography variant="body2" style={{ fontWeight: 500 }}>
              <IconButton
                size="small"
                aria-label={`${open ? 'Hide' : 'Show'} details of ${f.ruleId}`}
                aria-expanded={open}
                onClick={event => {
                  event.stopPropagation();
                  toggle(f.id);
                }}
                style={{ padding: 0, marginRight: 4 }}
              >
                {open ? (
                  <ExpandLessIcon fontSize="small" />
                ) : (
                  <ExpandMoreIcon fontSize="small" />
                )}
              </IconButton>
              {f.title}
            </Typography>
            <Typography
              variant="caption"
              color="textSecondary"
              component="div"
              style={{ overflowWrap: 'anywhere' }}
            >
              {[f.ruleId, ...(f.aliases ?? [])].join(' · ')}
            </Typography>
            {open && <FindingDetails finding={f} />}
          </>
        );
      },
    },
    {
      title: 'Tool',
      field: 'tool',
      render: f => (
        <>
          <Typography variant="body2">{f.tool}</Typography>
          <Typography variant="caption" color="textSecondary">
            {f.category}
          </Typography>
        </>
      ),
    },
    {
      title: 'Package',
      field: 'package',
      render: f => (
        <>
          <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
            {f.package ?? '—'}
          </Typography>
          {f.package && (
            <Typography variant="caption" color="textSecondary">
              {formatVersions(f)}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Location',
      field: 'location',
      render: f => (
        <Typography
          variant="body2"
          component="code"
          style={{ overflowWrap: 'anywhere' }}
        >
          {formatLocation(f)}
        </Typography>
      ),
    },
    {
      title: 'First seen',
      field: 'firstSeenAt',
      render: f => (
        <span title={formatDateTime(f.firstSeenAt)}>
          {formatRelative(f.firstSeenAt)}
        </span>
      ),
    },
    {
      title: 'SLA',
      field: 'slaDueAt',
      render: f => <SlaCell finding={f} />,
    },
    {
      title: 'Status',
      field: 'status',
      render: f => <StatusCell finding={f} />,
    },
    {
      title: 'Actions',
      field: 'id',
      render: f => (
        <FindingActions
          finding={f}
          access={access}
          busy={busy === f.id}
          onSuppress={setSuppressing}
          onUnsuppress={unsuppress}
        />
      ),
    },
  ];

  return (
    <>
      <Table<Finding>
        title={title}
        columns={columns}
        data={findings}
        onRowClick={(_event, row) => row && toggle(row.id)}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          sorting: false,
        }}
        emptyContent={
          <Typography variant="body2" align="center" style={{ padding: 16 }}>
            {emptyMessage ?? 'No findings'}
          </Typography>
        }
      />
      <SuppressDialog
        finding={suppressing}
        onClose={() => setSuppressing(undefined)}
        onDone={() => {
          setSuppressing(undefined);
          onChanged();
        }}
      />
    </>
  );
}
