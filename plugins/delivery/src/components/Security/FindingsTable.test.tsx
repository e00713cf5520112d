import { parseEntityRef } from '@backstage/catalog-model';
import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Finding } from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import {
  enabledButton,
  freshEntityRef,
  ownerPermissionApi,
  permissionRequest,
} from '../shared/__testUtils__/testPermissions';
import { FindingsTable } from './FindingsTable';
import { SCRIPT_REFERENCE, testFinding } from './testFindings';

/**
 * The table on the page of a fresh entity, which the user owns (so may suppress its findings)
 * unless `owner` is false.
 */
async function renderTable(
  findings: Finding[],
  api: Partial<DeliveryApi> = {},
  options: { owner?: boolean } = {},
) {
  const entityRef = freshEntityRef();
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const permissions = ownerPermissionApi(
    ...(options.owner === false ? [] : [entityRef]),
  );
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
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind,
          metadata: { name, namespace },
        }}
      >
        <FindingsTable
          findings={findings.map(f => ({ ...f, entityRef }))}
          title="Open findings"
          onChanged={onChanged}
        />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { alertApi, onChanged, entityRef, requests: permissions.requests };
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (!row) throw new Error(`No row with ${text}`);
  return row;
}

describe('FindingsTable (allowed)', () => {
  it('renders severity, ids, versions, location, SLA and overdue', async () => {
    await renderTable([
      testFinding(),
      testFinding({
        id: 'f2',
        severity: 'low',
        ruleId: 'js/missing-rate-limiting',
        aliases: undefined,
        title: 'Missing rate limiting',
        category: 'code',
        tool: 'codeql',
        package: undefined,
        installedVersion: undefined,
        fixedVersion: undefined,
        location: { path: 'src/server.ts', startLine: 42 },
        overdue: false,
      }),
      testFinding({
        id: 'f3',
        severity: 'high',
        ruleId: 'CVE-2023-0001',
        title: 'openssl: no fix yet',
        fixedVersion: undefined,
        installedVersion: '3.0.1',
        package: 'openssl',
        location: { image: 'ghcr.io/acme/payments:1.4.0' },
        overdue: false,
      }),
    ]);

    const critical = rowOf('cross-spawn: regular expression denial of service');
    expect(
      within(critical).getByLabelText('Severity critical'),
    ).toHaveTextContent('Critical');
    expect(
      within(critical).getByText('CVE-2024-21538 · GHSA-3xgq-45jj-v275'),
    ).toBeInTheDocument();
    expect(within(critical).getByText('7.0.3 → 7.0.5')).toBeInTheDocument();
    expect(
      within(critical).getByText('package-lock.json:120'),
    ).toBeInTheDocument();
    expect(within(critical).getByText('Overdue')).toBeInTheDocument();
    expect(within(critical).getByText('Open')).toBeInTheDocument();

    const low = rowOf('Missing rate limiting');
    expect(within(low).getByLabelText('Severity low')).toBeInTheDocument();
    expect(within(low).getByText('src/server.ts:42')).toBeInTheDocument();
    expect(within(low).getByText('codeql')).toBeInTheDocument();
    expect(within(low).getByText('code')).toBeInTheDocument();
    expect(within(low).queryByText('Overdue')).not.toBeInTheDocument();

    const high = rowOf('openssl: no fix yet');
    expect(within(high).getByText('3.0.1 → no fix')).toBeInTheDocument();
    expect(
      within(high).getByText('ghcr.io/acme/payments:1.4.0'),
    ).toBeInTheDocument();
  });

  it('shows who suppressed a finding until when, and suppressions from the report', async () => {
    await renderTable([
      testFinding({
        suppression: {
          source: 'user',
          reason: 'risk_accepted',
          comment: 'Not reachable from the API',
          author: 'user:default/ana',
          expiresAt: '2030-03-15T00:00:00.000Z',
        },
        overdue: false,
      }),
      testFinding({
        id: 'f2',
        ruleId: 'CVE-2022-1111',
        title: 'Not affected per VEX',
        suppression: { source: 'report', reason: 'vex:not_affected' },
        overdue: false,
      }),
    ]);

    const user = rowOf('cross-spawn: regular expression denial of service');
    const until = within(user).getByText(/^Suppressed until /);
    expect(until).toHaveTextContent('2030');
    expect(until).toHaveAttribute(
      'title',
      'Risk accepted · Not reachable from the API · user:default/ana',
    );
    expect(within(user).queryByText('Overdue')).not.toBeInTheDocument();
    expect(
      within(user).getByRole('button', { name: 'Unsuppress CVE-2024-21538' }),
    ).toBeInTheDocument();
    expect(
      within(user).queryByRole('button', { name: /^Suppress/ }),
    ).not.toBeInTheDocument();

    const report = rowOf('Not affected per VEX');
    expect(
      within(report).getByText('Suppressed in report'),
    ).toBeInTheDocument();
    // A report's suppression can only be lifted by the report.
    expect(
      within(report).queryByRole('button', { name: /suppress/i }),
    ).toBeNull();
  });

  it('offers no Suppress for a fixed finding', async () => {
    await renderTable([
      testFinding({
        status: 'fixed',
        fixedAt: '2026-02-02T10:00:00.000Z',
        overdue: false,
      }),
    ]);
    expect(await screen.findByText(/^Fixed /)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /suppress/i })).toBeNull();
  });

  it('expands the description and references on a row click', async () => {
    await renderTable([testFinding()]);
    expect(screen.queryByText(/vulnerable to ReDoS/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByText('package-lock.json:120'));
    expect(await screen.findByText(/vulnerable to ReDoS/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /nvd\.nist\.gov\/vuln\/detail\/CVE-2024-21538/,
      }),
    ).toHaveAttribute(
      'href',
      'https://nvd.nist.gov/vuln/detail/CVE-2024-21538',
    );
    // Not a link: references come from uploaded reports.
    expect(screen.getByText(SCRIPT_REFERENCE).closest('a')).toBeNull();

    fireEvent.click(
      screen.getByRole('button', { name: 'Hide details of CVE-2024-21538' }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/vulnerable to ReDoS/)).not.toBeInTheDocument(),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Show details of CVE-2024-21538' }),
    );
    expect(await screen.findByText(/vulnerable to ReDoS/)).toBeInTheDocument();
  });

  it('asks for delivery.finding.suppress on the entity, and opens the suppress dialog without expanding the row', async () => {
    const { entityRef, requests } = await renderTable([testFinding()]);
    fireEvent.click(await enabledButton('Suppress CVE-2024-21538'));
    expect(requests).toContainEqual(
      permissionRequest('delivery.finding.suppress', entityRef),
    );
    expect(screen.queryByText(/may suppress/)).not.toBeInTheDocument();
    expect(
      await screen.findByRole('dialog', { name: 'Suppress CVE-2024-21538?' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/vulnerable to ReDoS/)).not.toBeInTheDocument();
  });

  it('unsuppresses a finding and reports it', async () => {
    const unsuppressFinding = jest
      .fn()
      .mockResolvedValue(testFinding({ suppression: undefined }));
    const { alertApi, onChanged } = await renderTable(
      [
        testFinding({
          suppression: {
            source: 'user',
            reason: 'wont_fix',
            expiresAt: '2030-03-15T00:00:00.000Z',
          },
        }),
      ],
      { unsuppressFinding },
    );
    fireEvent.click(await enabledButton('Unsuppress CVE-2024-21538'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(unsuppressFinding).toHaveBeenCalledWith('f1');
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'CVE-2024-21538 is no longer suppressed',
        severity: 'success',
      }),
    );
    // The click did not expand the row.
    expect(screen.queryByText(/vulnerable to ReDoS/)).not.toBeInTheDocument();
  });

  it('reports a failed unsuppress as an error', async () => {
    const unsuppressFinding = jest
      .fn()
      .mockRejectedValue(new Error("Finding 'f1' has no active suppression"));
    const { alertApi, onChanged } = await renderTable(
      [
        testFinding({
          suppression: { source: 'user', reason: 'wont_fix' },
        }),
      ],
      { unsuppressFinding },
    );
    fireEvent.click(await enabledButton('Unsuppress CVE-2024-21538'));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: expect.stringContaining('has no active suppression'),
          severity: 'error',
        }),
      ),
    );
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe('FindingsTable (denied)', () => {
  it('disables Suppress and Unsuppress, saying only owners of the entity may', async () => {
    const unsuppressFinding = jest.fn();
    const { entityRef, requests } = await renderTable(
      [
        testFinding(),
        testFinding({
          id: 'f2',
          ruleId: 'CVE-2022-2222',
          title: 'Suppressed one',
          suppression: { source: 'user', reason: 'wont_fix' },
        }),
      ],
      { unsuppressFinding },
      { owner: false },
    );

    const suppressReason =
      'Only owners of payments-api may suppress its findings';
    const unsuppressReason =
      'Only owners of payments-api may unsuppress its findings';
    expect(await screen.findByText(suppressReason)).toBeInTheDocument();
    expect(screen.getByText(unsuppressReason)).toBeInTheDocument();
    expect(requests).toContainEqual(
      permissionRequest('delivery.finding.suppress', entityRef),
    );
    const suppress = screen.getByRole('button', {
      name: 'Suppress CVE-2024-21538',
    });
    const unsuppress = screen.getByRole('button', {
      name: 'Unsuppress CVE-2022-2222',
    });
    expect(suppress).toBeDisabled();
    expect(suppress).toHaveAccessibleDescription(suppressReason);
    expect(unsuppress).toBeDisabled();
    expect(unsuppress).toHaveAccessibleDescription(unsuppressReason);

    fireEvent.click(suppress);
    fireEvent.click(unsuppress);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(unsuppressFinding).not.toHaveBeenCalled();
  });
});
