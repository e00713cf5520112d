import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import {
  deliveryRunExecutePermission,
  StartedRun,
} from '@slipway/plugin-delivery-common';
import { useState } from 'react';
import { ActionWording, GatedButton, useEntityPermission } from '../shared';
import { StartRunDialog } from './StartRunDialog';

const START: ActionWording = {
  owners: 'start its pipelines',
  anyone: 'start pipeline runs',
};

/** Props of {@link StartRunButton}. */
export interface StartRunButtonProps {
  entity: CompoundEntityRef;
  onStarted: (run: StartedRun) => void;
  onOpenRun?: (uid: string) => void;
}

/**
 * "Start a run", which needs `delivery.run.execute` on the entity: disabled, saying why, for a
 * user without it; else it opens the {@link StartRunDialog}.
 */
export function StartRunButton(props: StartRunButtonProps) {
  const { entity, onStarted, onOpenRun } = props;
  const access = useEntityPermission(
    deliveryRunExecutePermission,
    stringifyEntityRef(entity),
  );
  const [open, setOpen] = useState(false);
  return (
    <>
      <GatedButton
        access={access}
        wording={START}
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        Start a run
      </GatedButton>
      <StartRunDialog
        entity={entity}
        open={open}
        onClose={() => setOpen(false)}
        onStarted={onStarted}
        onOpenRun={
          onOpenRun &&
          (uid => {
            setOpen(false);
            onOpenRun(uid);
          })
        }
      />
    </>
  );
}
