import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { PipelineParamSpec } from '@slipway/plugin-delivery-common';
import { Ref } from 'react';
import { isRequired, paramKind } from './paramForm';

/** Props of {@link ParamField}. */
export interface ParamFieldProps {
  param: PipelineParamSpec;
  /** A unique id for the field (the label points at it). */
  id: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement | HTMLTextAreaElement>;
  disabled?: boolean;
}

function helperText(param: PipelineParamSpec, error?: string) {
  const kind = paramKind(param);
  const parts = [
    error,
    param.description,
    kind === 'lines' ? 'One value per line' : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * One param of the start form: its name as the label, its description as helper text, its
 * default filled in; a select when the definition lists the allowed values, a multi-line field
 * (one value per line) for an array, and for an object param (which a start cannot set) its
 * default, read only.
 */
export function ParamField(props: ParamFieldProps) {
  const { param, id, value, error, onChange, inputRef, disabled } = props;
  const kind = paramKind(param);
  const required = isRequired(param);
  if (kind === 'fixed') {
    return (
      <div id={id}>
        <Typography variant="subtitle2" component="p">
          {param.name}
        </Typography>
        <Typography
          variant="body2"
          color={error ? 'error' : 'textSecondary'}
          component="p"
        >
          {error ??
            `Keeps its default: ${JSON.stringify(
              param.default,
            )} (object params cannot be set here)`}
        </Typography>
        {param.description && (
          <Typography variant="caption" color="textSecondary" component="p">
            {param.description}
          </Typography>
        )}
      </div>
    );
  }
  return (
    <TextField
      id={id}
      label={param.name}
      value={value}
      onChange={e => onChange(e.target.value)}
      required={required}
      error={Boolean(error)}
      helperText={helperText(param, error)}
      inputRef={inputRef}
      disabled={disabled}
      fullWidth
      margin="dense"
      variant="outlined"
      multiline={kind === 'lines'}
      minRows={kind === 'lines' ? 3 : undefined}
      select={kind === 'select'}
      SelectProps={
        kind === 'select'
          ? { SelectDisplayProps: { 'aria-describedby': `${id}-helper-text` } }
          : undefined
      }
    >
      {kind === 'select' &&
        param.options!.map(option => (
          <MenuItem key={option} value={option}>
            {option}
          </MenuItem>
        ))}
    </TextField>
  );
}
