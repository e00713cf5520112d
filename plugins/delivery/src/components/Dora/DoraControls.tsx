import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { DORA_WINDOWS } from './doraFormat';

/** Environments offered by the picker; `production` means the configured production tier. */
export const DORA_ENVIRONMENTS = ['production', 'staging', 'dev'] as const;

/**
 * The environment to send to the API: none for `production` (the backend's production tier,
 * e.g. `production` and `prod`), the chosen name otherwise.
 */
export function environmentParam(environment: string): string | undefined {
  return environment === 'production' ? undefined : environment;
}

/** Window (days back from now) and environment pickers of the DORA views. */
export function DoraControls(props: {
  days: number;
  onDaysChange: (days: number) => void;
  environment: string;
  onEnvironmentChange: (environment: string) => void;
}) {
  const { days, onDaysChange, environment, onEnvironmentChange } = props;
  return (
    <Box display="flex" mb={2} style={{ gap: 16 }}>
      <TextField
        select
        id="dora-window"
        label="Window"
        value={days}
        onChange={e => onDaysChange(Number(e.target.value))}
        SelectProps={{ native: true }}
        variant="outlined"
        size="small"
      >
        {DORA_WINDOWS.map(w => (
          <option key={w.value} value={w.value}>
            {w.label}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="dora-environment"
        label="Environment"
        value={environment}
        onChange={e => onEnvironmentChange(e.target.value)}
        SelectProps={{ native: true }}
        variant="outlined"
        size="small"
        helperText={
          environment === 'production' ? 'production tier' : undefined
        }
      >
        {DORA_ENVIRONMENTS.map(env => (
          <option key={env} value={env}>
            {env}
          </option>
        ))}
      </TextField>
    </Box>
  );
}
