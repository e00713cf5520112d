import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { deliveryRunExecutePermission } from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  enabledButton,
  freshEntityRef,
  ownerPermissionApi,
  permissionRequest,
  recordingPermissionApi,
  undecidedPermissionApi,
} from './__testUtils__/testPermissions';
import { GatedButton } from './GatedButton';
import { useEntityPermission } from './useEntityPermission';

const WORDING = { owners: 'rerun its runs', anyone: 'rerun this run' };

function Rerun(props: { entityRef?: string; onClick: () => void }) {
  const access = useEntityPermission(
    deliveryRunExecutePermission,
    props.entityRef,
  );
  return (
    <GatedButton access={access} wording={WORDING} onClick={props.onClick}>
      Rerun
    </GatedButton>
  );
}

async function renderRerun(
  permissionApi: object,
  entityRef: string | undefined,
) {
  const onClick = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, permissionApi]]}>
      <Rerun entityRef={entityRef} onClick={onClick} />
    </TestApiProvider>,
  );
  return onClick;
}

describe('GatedButton', () => {
  it('is a plain, enabled button when the user may act on the entity', async () => {
    const entityRef = freshEntityRef();
    const { api, requests } = ownerPermissionApi(entityRef);
    const onClick = await renderRerun(api, entityRef);

    fireEvent.click(await enabledButton('Rerun'));
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(requests).toEqual([
      permissionRequest('delivery.run.execute', entityRef),
    ]);
    expect(screen.queryByText(/may rerun/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rerun' })).not.toHaveAttribute(
      'aria-describedby',
    );
  });

  it('is disabled, naming the entity and its owners, when the user may not', async () => {
    const entityRef = freshEntityRef();
    const { api, requests } = ownerPermissionApi('component:default/other');
    const onClick = await renderRerun(api, entityRef);

    const reason = 'Only owners of payments-api may rerun its runs';
    expect(await screen.findByText(reason)).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Rerun' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(reason);
    expect(requests).toEqual([
      permissionRequest('delivery.run.execute', entityRef),
    ]);
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();

    // the tooltip hangs on the wrapper: a disabled button gets no mouse events
    fireEvent.mouseOver(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
  });

  it('says "You may not" for data that names no entity, without asking', async () => {
    const { api, requests } = recordingPermissionApi(() => true);
    await renderRerun(api, undefined);

    expect(
      await screen.findByText('You may not rerun this run'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeDisabled();
    expect(requests).toEqual([]);
  });

  it('is disabled without a reason while the permission is being checked', async () => {
    const onClick = await renderRerun(undecidedPermissionApi, freshEntityRef());

    const button = screen.getByRole('button', { name: 'Rerun' });
    expect(button).toBeDisabled();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeDisabled();
    expect(screen.queryByText(/may/)).not.toBeInTheDocument();
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('says so when the permission cannot be checked', async () => {
    const failing = {
      authorize: () => Promise.reject(new Error('permission backend down')),
    };
    await renderRerun(failing, freshEntityRef());

    await waitFor(() =>
      expect(
        screen.getByText(
          'Could not check your permission to rerun this run: permission backend down',
        ),
      ).toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: 'Rerun' })).toBeDisabled();
  });
});
