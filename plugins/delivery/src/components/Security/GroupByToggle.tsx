import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { FindingGrouping } from './groupFindings';

const CHOICES: Record<FindingGrouping, string> = {
  finding: 'Finding',
  vulnerability: 'Vulnerability',
  package: 'Package',
};

/**
 * Props of {@link GroupByToggle}.
 *
 * @public
 */
export interface GroupByToggleProps {
  value: FindingGrouping;
  onChange: (grouping: FindingGrouping) => void;
}

/**
 * "Group by" buttons of the findings list: one row per finding, per vulnerability or per
 * package. The chosen one is pressed (`aria-pressed`).
 *
 * @public
 */
export function GroupByToggle(props: GroupByToggleProps) {
  const { value, onChange } = props;
  return (
    <Box display="flex" alignItems="center" mb={2} style={{ gap: 8 }}>
      <Typography
        variant="body2"
        color="textSecondary"
        id="findings-group-by-label"
      >
        Group by
      </Typography>
      <ButtonGroup
        size="small"
        color="primary"
        role="group"
        aria-labelledby="findings-group-by-label"
      >
        {(Object.keys(CHOICES) as FindingGrouping[]).map(choice => (
          <Button
            key={choice}
            aria-pressed={value === choice}
            variant={value === choice ? 'contained' : 'outlined'}
            onClick={() => onChange(choice)}
          >
            {CHOICES[choice]}
          </Button>
        ))}
      </ButtonGroup>
    </Box>
  );
}
