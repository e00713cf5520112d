import Button, { ButtonProps } from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import { useId } from 'react';
import { ActionWording, EntityPermission } from './useEntityPermission';

const useStyles = makeStyles({
  wrapper: { display: 'inline-flex' },
  // Read by screen readers (the button's description), not shown: the tooltip shows it.
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Props of {@link GatedButton}: a button's, plus the permission it needs. */
export type GatedButtonProps = ButtonProps & {
  /** The user's permission for the action, from `useEntityPermission`. */
  access: EntityPermission;
  /** What the action does, for the reason it is refused. */
  wording: ActionWording;
};

/**
 * A button for an action that needs a permission: disabled while the permission is being
 * checked, and disabled with the reason (a tooltip, and the button's accessible description)
 * when the user may not take the action; a plain button when they may.
 */
export function GatedButton(props: GatedButtonProps) {
  const { access, wording, disabled, ...buttonProps } = props;
  const classes = useStyles();
  const reasonId = useId();
  const reason = access.reason(wording);
  return (
    // A disabled button fires no mouse events: the tooltip hangs on a wrapper.
    <Tooltip title={reason ?? ''}>
      <span className={classes.wrapper}>
        <Button
          {...buttonProps}
          disabled={disabled || access.loading || !access.allowed}
          aria-describedby={reason ? reasonId : undefined}
        />
        {reason && (
          <span id={reasonId} className={classes.visuallyHidden}>
            {reason}
          </span>
        )}
      </span>
    </Tooltip>
  );
}
