import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { ApprovalHistoryEntry } from '@slipway/plugin-delivery-common';
import { personName, relative } from './approvalFormat';

function describe(entry: ApprovalHistoryEntry): string {
  if (entry.type === 'requested')
    return `${personName(entry.actor)} asked for approval`;
  if (entry.type === 'transition')
    return `${entry.fromState} → ${entry.toState}`;
  return `${personName(entry.actor)}: ${entry.comment ?? ''}`;
}

/** The append-only history of a request, oldest first. */
export function ApprovalHistory(props: { history: ApprovalHistoryEntry[] }) {
  return (
    <List dense disablePadding aria-label="history">
      {props.history.map((entry, i) => (
        <ListItem key={i} disableGutters>
          <ListItemText
            primary={describe(entry)}
            secondary={`${relative(entry.at)}${
              entry.type === 'transition' && entry.comment
                ? ` · ${entry.comment}`
                : ''
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
}
