import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * How many components a team has findings in; the button's tooltip lists them and a click
 * lists them as links under it.
 */
export function ComponentsCell(props: {
  owner: string;
  entities: string[];
  expanded: boolean;
  onToggle: () => void;
}) {
  const { owner, entities, expanded, onToggle } = props;
  const count = `${entities.length} ${
    entities.length === 1 ? 'component' : 'components'
  }`;
  return (
    <>
      <Button
        size="small"
        onClick={onToggle}
        aria-expanded={expanded}
        aria-label={`${expanded ? 'Hide' : 'Show'} the components of ${owner}`}
        title={entities.join('\n')}
        style={{ textTransform: 'none', padding: '0 4px' }}
      >
        {count}
      </Button>
      {expanded && (
        <ul
          aria-label={`Components of ${owner}`}
          style={{ margin: 0, paddingLeft: 16 }}
        >
          {entities.map(ref => (
            <li key={ref}>
              <Typography variant="body2" component="span">
                <EntityRefLink entityRef={ref} defaultKind="component" />
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
