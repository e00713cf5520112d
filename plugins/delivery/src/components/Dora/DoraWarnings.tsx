import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { plural } from './doraFormat';

/** Data-quality warnings of a report, collapsed; nothing when there are none. */
export function DoraWarnings(props: { warnings: string[] }) {
  const { warnings } = props;
  if (warnings.length === 0) {
    return null;
  }
  return (
    <Accordion elevation={0} variant="outlined" style={{ marginTop: 8 }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">
          {plural(warnings.length, 'data-quality warning')}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <ul aria-label="Data-quality warnings" style={{ margin: 0 }}>
          {warnings.map((warning, i) => (
            <li key={i}>
              <Typography variant="body2">{warning}</Typography>
            </li>
          ))}
        </ul>
      </AccordionDetails>
    </Accordion>
  );
}
