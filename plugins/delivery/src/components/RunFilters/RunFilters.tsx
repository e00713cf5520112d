import {
  Box,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  TextField,
} from '@material-ui/core';
import { RUN_STATUSES, RunStatus } from '@slipway/plugin-delivery-common';
import { useEffect, useState } from 'react';
import { RunFilter } from '../../hooks/useEntityRuns';
import { providerLabel } from '../RunProvider';

const ALL = '';

/**
 * Filters of the runs table: status (several), pipeline, provider (when runs come from more than
 * one) and branch. The branch is applied after the user stops typing for a moment.
 */
export function RunFilters(props: {
  value: RunFilter;
  pipelines: string[];
  /** Providers of the entity's runs seen so far. */
  providers?: string[];
  onChange: (filter: RunFilter) => void;
}) {
  const { value, pipelines, onChange } = props;
  const providers = props.providers ?? [];
  const [branch, setBranch] = useState(value.branch ?? '');

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((value.branch ?? '') !== branch) {
        onChange({ ...value, branch: branch || undefined });
      }
    }, 400);
    return () => clearTimeout(timer);
  }, [branch, value, onChange]);

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      mb={2}
      style={{ gap: 16 }}
    >
      <FormControl style={{ minWidth: 220 }}>
        <InputLabel id="runs-status-filter">Status</InputLabel>
        <Select
          labelId="runs-status-filter"
          SelectDisplayProps={{ id: 'runs-status-select' }}
          multiple
          value={value.status ?? []}
          onChange={e => {
            const status = e.target.value as RunStatus[];
            onChange({ ...value, status: status.length ? status : undefined });
          }}
          renderValue={selected => (
            <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
              {(selected as RunStatus[]).map(s => (
                <Chip key={s} size="small" label={s} />
              ))}
            </Box>
          )}
        >
          {RUN_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl style={{ minWidth: 220 }}>
        <InputLabel id="runs-pipeline-filter">Pipeline</InputLabel>
        <Select
          labelId="runs-pipeline-filter"
          SelectDisplayProps={{ id: 'runs-pipeline-select' }}
          value={value.pipeline ?? ALL}
          onChange={e => {
            const pipeline = e.target.value as string;
            onChange({ ...value, pipeline: pipeline || undefined });
          }}
        >
          <MenuItem value={ALL}>All pipelines</MenuItem>
          {pipelines.map(p => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {(providers.length > 1 || value.provider) && (
        <FormControl style={{ minWidth: 200 }}>
          <InputLabel id="runs-provider-filter">Provider</InputLabel>
          <Select
            labelId="runs-provider-filter"
            SelectDisplayProps={{ id: 'runs-provider-select' }}
            value={value.provider ?? ALL}
            onChange={e => {
              const provider = e.target.value as string;
              onChange({ ...value, provider: provider || undefined });
            }}
          >
            <MenuItem value={ALL}>All providers</MenuItem>
            {providers.map(p => (
              <MenuItem key={p} value={p}>
                {providerLabel(p)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      )}
      <FormControl style={{ minWidth: 160 }}>
        <InputLabel id="runs-order">Order</InputLabel>
        <Select
          labelId="runs-order"
          SelectDisplayProps={{ id: 'runs-order-select' }}
          value={value.order ?? 'desc'}
          onChange={e => {
            const order = e.target.value as 'asc' | 'desc';
            onChange({ ...value, order: order === 'desc' ? undefined : order });
          }}
        >
          <MenuItem value="desc">Newest first</MenuItem>
          <MenuItem value="asc">Oldest first</MenuItem>
        </Select>
      </FormControl>
      <TextField
        label="Branch"
        value={branch}
        onChange={e => setBranch(e.target.value)}
        inputProps={{ 'aria-label': 'Branch' }}
      />
    </Box>
  );
}
