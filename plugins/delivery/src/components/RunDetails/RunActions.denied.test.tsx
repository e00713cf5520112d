import { alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { deliveryApiRef } from '../../api';
import { RunActions } from './RunActions';
import { testRun } from './testRuns';

// usePermission caches decisions per test file (SWR), so the denied case lives in its own file.

type Decision = ReturnType<
  NonNullable<ConstructorParameters<typeof MockPermissionApi>[0]>
>;

describe('RunActions (denied)', () => {
  it('renders no buttons without delivery.run.execute', async () => {
    const authorize = jest.fn(() => 'DENY' as Decision);
    const rerun = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [deliveryApiRef, { rerun }],
          [permissionApiRef, new MockPermissionApi(authorize)],
          [alertApiRef, { post: jest.fn() }],
        ]}
      >
        <span>actions:</span>
        <RunActions
          run={testRun({ status: 'running', completedAt: undefined })}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );

    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: 'delivery.run.execute' }),
        }),
      ),
    );
    // let the decision render
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.getByText('actions:')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(rerun).not.toHaveBeenCalled();
  });
});
