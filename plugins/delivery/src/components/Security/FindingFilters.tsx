import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import {
  FINDING_SEVERITIES,
  FindingSeverity,
  FindingStatus,
} from '@slipway/plugin-delivery-common';
import { useEffect, useState } from 'react';
import { FindingFilter } from '../../hooks/useFindings';
import { severityLabel } from './findingFormat';
import { SeverityChip } from './SeverityChip';

type StatusChoice = 'active' | 'fixed' | 'all';

const STATUS_CHOICES: Record<
  StatusChoice,
  { label: string; status?: FindingStatus[] }
> = {
  active: { label: 'Open and reopened' },
  fixed: { label: 'Fixed', status: ['fixed'] },
  all: { label: 'All', status: ['open', 'reopened', 'fixed'] },
};

function statusChoice(status: FindingStatus[] | undefined): StatusChoice {
  if (!status) return 'active';
  return status.length === 1 && status[0] === 'fixed' ? 'fixed' : 'all';
}

/**
 * Props of {@link FindingFilters}.
 *
 * @public
 */
export interface FindingFiltersProps {
  value: FindingFilter;
  onChange: (filter: FindingFilter) => void;
}

/**
 * Filters of the findings table: status (open and reopened, fixed, or all), severities and
 * tool. The tool is applied after the user stops typing for a moment.
 *
 * @public
 */
export function FindingFilters(props: FindingFiltersProps) {
  const { value, onChange } = props;
  const [tool, setTool] = useState(value.tool ?? '');

  useEffect(() => {
    const timer = setTimeout(() => {
      const trimmed = tool.trim();
      if ((value.tool ?? '') !== trimmed) {
        onChange({ ...value, tool: trimmed || undefined });
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [tool, value, onChange]);

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      mb={2}
      style={{ gap: 16 }}
    >
      <FormControl style={{ minWidth: 200 }}>
        <InputLabel id="findings-status-filter">Status</InputLabel>
        <Select
          labelId="findings-status-filter"
          SelectDisplayProps={{ id: 'findings-status-select' }}
          value={statusChoice(value.status)}
          onChange={e => {
            const choice = e.target.value as StatusChoice;
            onChange({ ...value, status: STATUS_CHOICES[choice].status });
          }}
        >
          {(Object.keys(STATUS_CHOICES) as StatusChoice[]).map(choice => (
            <MenuItem key={choice} value={choice}>
              {STATUS_CHOICES[choice].label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl style={{ minWidth: 220 }}>
        <InputLabel id="findings-severity-filter">Severity</InputLabel>
        <Select
          labelId="findings-severity-filter"
          SelectDisplayProps={{ id: 'findings-severity-select' }}
          multiple
          value={value.severity ?? []}
          onChange={e => {
            const chosen = e.target.value as FindingSeverity[];
            // Keep the most-severe-first order whatever order they were picked in.
            const severity = FINDING_SEVERITIES.filter(s => chosen.includes(s));
            onChange({
              ...value,
              severity: severity.length ? severity : undefined,
            });
          }}
          renderValue={selected => (
            <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
              {(selected as FindingSeverity[]).map(s => (
                <SeverityChip key={s} severity={s} />
              ))}
            </Box>
          )}
        >
          {FINDING_SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {severityLabel(s)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <TextField
        label="Tool"
        value={tool}
        onChange={e => setTool(e.target.value)}
        inputProps={{ 'aria-label': 'Tool' }}
        placeholder="e.g. trivy"
      />
    </Box>
  );
}
