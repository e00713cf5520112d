import { parseEntityRef } from '@backstage/catalog-model';
import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import {
  enabledButton,
  freshEntityRef,
  PermissionRequest,
  permissionRequest,
  recordingPermissionApi,
} from '../shared/__testUtils__/testPermissions';
import { LaneActions } from './LaneActions';
import { testApproval, testLanes } from './testApprovals';

const PROMOTE = 'Promote abc1234 from staging';
const PROMOTE_REASON = 'Only owners of payments-api may promote its versions';
const ROLL_BACK_REASON =
  'Only owners of payments-api may roll back its environments';

/**
 * The actions of the production lane (1.3.2 runs there, 1.3.1 before it; staging runs 1.4.0 at
 * abc1234, not yet asked for) of a fresh entity, with a policy deciding per request.
 */
async function renderLane(
  api: Partial<DeliveryApi>,
  allow: (request: PermissionRequest, entityRef: string) => boolean,
  productionOverrides: Partial<ReturnType<typeof testLanes>[number]> = {},
) {
  const entityRef = freshEntityRef();
  const permissions = recordingPermissionApi(request =>
    allow(request, entityRef),
  );
  const [staging, production] = testLanes();
  production.pending = [testApproval({ revision: '0badc0de0badc0de' })];
  Object.assign(production, productionOverrides);
  const alertApi = { post: jest.fn() } satisfies Partial<AlertApi>;
  const onChanged = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [permissionApiRef, permissions.api],
        [alertApiRef, alertApi],
      ]}
    >
      <LaneActions
        entity={parseEntityRef(entityRef)}
        lane={production}
        previous={staging}
        onChanged={onChanged}
      />
    </TestApiProvider>,
  );
  return { alertApi, onChanged, entityRef, requests: permissions.requests };
}

/** An owner's policy: entity actions on the user's own entity only. */
const owner = (request: PermissionRequest, entityRef: string) =>
  request.resourceRef === entityRef;
const nobody = () => false;

describe('LaneActions', () => {
  it('promotes for a user allowed delivery.approval.create on the entity', async () => {
    const requestApproval = jest.fn().mockResolvedValue({});
    const { alertApi, onChanged, entityRef, requests } = await renderLane(
      { requestApproval },
      owner,
    );

    fireEvent.click(await enabledButton(PROMOTE));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(requestApproval).toHaveBeenCalledWith({
      entityRef,
      environment: 'production',
      revision: 'abc1234def5678',
      version: '1.4.0',
      runUid: 's1',
    });
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'success' }),
    );
    expect(requests).toContainEqual(
      permissionRequest('delivery.approval.create', entityRef),
    );
    expect(screen.queryByText(PROMOTE_REASON)).not.toBeInTheDocument();
  });

  it('rolls back for a user allowed delivery.environment.deploy on the entity', async () => {
    const rollback = jest.fn().mockResolvedValue({
      provider: 'tekton',
      name: 'payments-api-deploy-r2',
      url: 'https://tekton.example.com/runs/payments-api-deploy-r2',
      version: '1.3.1',
      environment: 'production',
    });
    const { alertApi, onChanged, entityRef, requests } = await renderLane(
      { rollback },
      owner,
    );

    fireEvent.click(await enabledButton('Roll back…'));
    fireEvent.click(await screen.findByRole('menuitem', { name: '1.3.1' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    // says what it started, not that it reran the old run
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message:
          'Started deploy run payments-api-deploy-r2 to roll production back to 1.3.1',
        severity: 'success',
      }),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Rolling back to 1.3.1: started deploy run payments-api-deploy-r2',
    );
    expect(
      screen.getByRole('link', { name: /^Open run payments-api-deploy-r2/ }),
    ).toHaveAttribute(
      'href',
      'https://tekton.example.com/runs/payments-api-deploy-r2',
    );
    expect(rollback).toHaveBeenCalledWith(
      parseEntityRef(entityRef),
      'production',
      '1.3.1',
    );
    expect(requests).toContainEqual(
      permissionRequest('delivery.environment.deploy', entityRef),
    );
    expect(screen.queryByText(ROLL_BACK_REASON)).not.toBeInTheDocument();
  });

  it('offers no promotion of the revision the lane is deploying already', async () => {
    await renderLane({}, owner, {
      deploying: {
        runUid: 'd-1',
        runName: 'payments-api-deploy-x1',
        status: 'running',
        revision: 'abc1234def5678',
      },
    });
    expect(await screen.findByText(/Roll back/)).toBeInTheDocument();
    expect(screen.queryByText(PROMOTE)).not.toBeInTheDocument();
  });

  it('disables Promote and Roll back, saying only owners of the entity may', async () => {
    const requestApproval = jest.fn();
    const rollback = jest.fn();
    const { entityRef, requests } = await renderLane(
      { requestApproval, rollback },
      nobody,
    );

    expect(await screen.findByText(PROMOTE_REASON)).toBeInTheDocument();
    expect(await screen.findByText(ROLL_BACK_REASON)).toBeInTheDocument();
    expect(requests).toEqual(
      expect.arrayContaining([
        permissionRequest('delivery.approval.create', entityRef),
        permissionRequest('delivery.environment.deploy', entityRef),
      ]),
    );
    const promote = screen.getByRole('button', { name: PROMOTE });
    const rollBack = screen.getByRole('button', { name: 'Roll back…' });
    expect(promote).toBeDisabled();
    expect(promote).toHaveAccessibleDescription(PROMOTE_REASON);
    expect(rollBack).toBeDisabled();
    expect(rollBack).toHaveAccessibleDescription(ROLL_BACK_REASON);

    fireEvent.click(promote);
    fireEvent.click(rollBack);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(requestApproval).not.toHaveBeenCalled();
    expect(rollback).not.toHaveBeenCalled();
  });

  it('gates each action by its own permission', async () => {
    // may ask for promotions, may not deploy
    await renderLane(
      {},
      request => request.permission.name === 'delivery.approval.create',
    );

    expect(await screen.findByText(ROLL_BACK_REASON)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Roll back…' })).toBeDisabled();
    expect(await enabledButton(PROMOTE)).toBeInTheDocument();
    expect(screen.queryByText(PROMOTE_REASON)).not.toBeInTheDocument();
  });
});
