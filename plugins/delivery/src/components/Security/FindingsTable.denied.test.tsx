import { alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { deliveryApiRef } from '../../api';
import { FindingsTable } from './FindingsTable';
import { testFinding } from './testFindings';

// usePermission caches decisions per test file (SWR), so the denied case lives in its own file.

type Decision = ReturnType<
  NonNullable<ConstructorParameters<typeof MockPermissionApi>[0]>
>;

describe('FindingsTable (denied)', () => {
  it('shows no Suppress or Unsuppress without delivery.finding.suppress', async () => {
    const authorize = jest.fn(() => 'DENY' as Decision);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [deliveryApiRef, {}],
          [permissionApiRef, new MockPermissionApi(authorize)],
          [alertApiRef, { post: jest.fn() }],
        ]}
      >
        <FindingsTable
          title="Open findings"
          onChanged={jest.fn()}
          findings={[
            testFinding(),
            testFinding({
              id: 'f2',
              ruleId: 'CVE-2022-2222',
              title: 'Suppressed one',
              suppression: { source: 'user', reason: 'wont_fix' },
            }),
          ]}
        />
      </TestApiProvider>,
    );

    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'delivery.finding.suppress',
          }),
        }),
      ),
    );
    // let the decision render
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.getByText('Suppressed one')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /suppress/i })).toBeNull();
    expect(
      screen.queryByRole('columnheader', { name: 'Actions' }),
    ).not.toBeInTheDocument();
  });
});
