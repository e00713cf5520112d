import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { PipelineSummary } from '@slipway/plugin-delivery-common';
import { useEffect, useId, useRef } from 'react';
import { formatRelative } from '../../utils/format';
import { providerLabel } from '../RunProvider';

/** The picker's value of a pipeline: provider and name, which together name it. */
export function pipelineKey(
  p: Pick<PipelineSummary, 'provider' | 'pipelineName'>,
) {
  return JSON.stringify([p.provider, p.pipelineName]);
}

/** Props of {@link PipelinePicker}. */
export interface PipelinePickerProps {
  pipelines: PipelineSummary[];
  value?: string;
  onChange: (key: string) => void;
  disabled?: boolean;
}

/**
 * The pipelines a component ran, as radio buttons (keyboard: arrows move between them), each
 * with its provider and last run; one its provider cannot start is disabled and says so.
 */
export function PipelinePicker(props: PipelinePickerProps) {
  const { pipelines, value, onChange, disabled } = props;
  const labelId = useId();
  // when the list appears, focus lands on the chosen pipeline, else on the first that can start
  const focused = value
    ? pipelines.findIndex(p => pipelineKey(p) === value)
    : pipelines.findIndex(p => p.canStart);
  const focusRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    focusRef.current?.focus();
  }, []);
  return (
    <FormControl component="fieldset" fullWidth margin="dense">
      <FormLabel component="legend" id={labelId}>
        Pipeline
      </FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        value={value ?? ''}
        onChange={e => onChange(e.target.value)}
      >
        {pipelines.map((p, i) => {
          const key = pipelineKey(p);
          return (
            <FormControlLabel
              key={key}
              value={key}
              disabled={disabled || !p.canStart}
              control={
                <Radio inputRef={i === focused ? focusRef : undefined} />
              }
              label={
                <>
                  <Typography variant="body2" component="span">
                    {p.pipelineName}
                  </Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="span"
                    display="block"
                  >
                    {providerLabel(p.provider)} · last run{' '}
                    {formatRelative(p.latestRunAt)}
                    {!p.canStart &&
                      ` · cannot be started from here: ${providerLabel(
                        p.provider,
                      )} does not let Slipway start it`}
                  </Typography>
                </>
              }
            />
          );
        })}
      </RadioGroup>
    </FormControl>
  );
}
