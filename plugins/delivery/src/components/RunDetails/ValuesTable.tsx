import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RunValue } from '@slipway/plugin-delivery-common';
import { isNumeric, valueLines } from './runFormat';

const useStyles = makeStyles(theme => ({
  name: {
    width: '35%',
    verticalAlign: 'top',
    fontFamily: 'monospace',
    wordBreak: 'break-word',
  },
  value: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
    whiteSpace: 'pre-wrap',
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  key: {
    color: theme.palette.text.secondary,
  },
  empty: {
    color: theme.palette.text.secondary,
    fontStyle: 'italic',
  },
}));

/** Props of {@link ValuesTable}. */
export interface ValuesTableProps {
  /** Heading above the table, e.g. `Parameters`. */
  title: string;
  values: RunValue[];
}

/**
 * Params or results of a run as a small name/value table. Arrays show one item per line,
 * objects one `key: value` per line; numeric values (metrics such as `0.93`) are shown as is.
 */
export function ValuesTable(props: ValuesTableProps) {
  const classes = useStyles();
  const headingId = `values-${props.title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <>
      <Typography variant="subtitle2" id={headingId} gutterBottom>
        {props.title}
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Value</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.values.map(item => {
            const lines = valueLines(item.value);
            return (
              <TableRow key={item.name}>
                <TableCell className={classes.name}>{item.name}</TableCell>
                <TableCell className={classes.value}>
                  {lines.length === 0 && (
                    <span className={classes.empty}>(none)</span>
                  )}
                  {lines.map((line, index) => (
                    <div key={index}>
                      {line.key !== undefined && (
                        <span className={classes.key}>{line.key}: </span>
                      )}
                      {line.text === '' ? (
                        <span className={classes.empty}>(empty)</span>
                      ) : (
                        <span
                          className={
                            isNumeric(line.text) ? classes.number : undefined
                          }
                        >
                          {line.text}
                        </span>
                      )}
                    </div>
                  ))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
