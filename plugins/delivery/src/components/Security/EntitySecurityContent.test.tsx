import { alertApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { FindingPage } from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeliveryApi, ListFindingsRequest, deliveryApiRef } from '../../api';
import { enabledButton } from '../shared/__testUtils__/testPermissions';
import { EntitySecurityContent } from './EntitySecurityContent';
import { testEntity, testFinding, testGate } from './testFindings';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

/** listFindings that answers the card's "any finding at all?" probe with `any` and the table with `pages`. */
function listFindingsMock(pages: FindingPage[], any = true) {
  let page = 0;
  return jest.fn(async (request: ListFindingsRequest) => {
    if (!request.status) {
      return { items: any ? [testFinding()] : [] };
    }
    return pages[Math.min(page++, pages.length - 1)];
  });
}

function tableCalls(listFindings: jest.Mock) {
  return listFindings.mock.calls
    .map(([request]) => request as ListFindingsRequest)
    .filter(request => request.status);
}

function renderContent(api: Partial<DeliveryApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          deliveryApiRef,
          {
            getSecurityGate: jest.fn().mockResolvedValue(testGate()),
            getFindingsTrend: jest.fn().mockResolvedValue({ points: [] }),
            ...api,
          },
        ],
        [permissionApiRef, new MockPermissionApi()],
        [alertApiRef, { post: jest.fn() }],
      ]}
    >
      <EntityProvider entity={testEntity}>
        <EntitySecurityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntitySecurityContent', () => {
  it('lists open and reopened findings by default, under the summary card', async () => {
    const listFindings = listFindingsMock([{ items: [testFinding()] }]);
    await renderContent({ listFindings });

    expect(
      await screen.findByText(
        'cross-spawn: regular expression denial of service',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('Security gate passed')).toBeInTheDocument();
    expect(tableCalls(listFindings)).toEqual([
      { entity, limit: 50, status: ['open', 'reopened'] },
    ]);
  });

  it('asks the backend for the chosen status and severities', async () => {
    const listFindings = listFindingsMock([{ items: [testFinding()] }]);
    await renderContent({ listFindings });
    await screen.findByText(
      'cross-spawn: regular expression denial of service',
    );

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByRole('option', { name: 'Fixed' }));
    await waitFor(() =>
      expect(tableCalls(listFindings).at(-1)).toEqual({
        entity,
        limit: 50,
        status: ['fixed'],
      }),
    );
    await screen.findByText(
      'cross-spawn: regular expression denial of service',
    );

    fireEvent.mouseDown(screen.getByLabelText('Severity'));
    fireEvent.click(await screen.findByRole('option', { name: 'High' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Critical' }));
    await waitFor(() =>
      expect(tableCalls(listFindings).at(-1)).toEqual({
        entity,
        limit: 50,
        status: ['fixed'],
        severity: ['critical', 'high'],
      }),
    );
    expect(await screen.findByText('Findings (filtered)')).toBeInTheDocument();
  });

  it('asks for every status and a tool once typing stops', async () => {
    const listFindings = listFindingsMock([{ items: [testFinding()] }]);
    await renderContent({ listFindings });
    await screen.findByText(
      'cross-spawn: regular expression denial of service',
    );

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByRole('option', { name: 'All' }));
    fireEvent.change(screen.getByLabelText('Tool'), {
      target: { value: 'grype' },
    });
    await waitFor(() =>
      expect(tableCalls(listFindings).at(-1)).toEqual({
        entity,
        limit: 50,
        status: ['open', 'reopened', 'fixed'],
        tool: 'grype',
      }),
    );
  });

  it('loads the next page with the cursor', async () => {
    const listFindings = listFindingsMock([
      { items: [testFinding()], nextCursor: 'cursor-1' },
      {
        items: [
          testFinding({ id: 'f2', severity: 'low', title: 'Older and lower' }),
        ],
      },
    ]);
    await renderContent({ listFindings });
    await screen.findByText(
      'cross-spawn: regular expression denial of service',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load more findings' }));
    expect(await screen.findByText('Older and lower')).toBeInTheDocument();
    expect(
      screen.getByText('cross-spawn: regular expression denial of service'),
    ).toBeInTheDocument();
    expect(tableCalls(listFindings).at(-1)).toEqual({
      entity,
      limit: 50,
      status: ['open', 'reopened'],
      cursor: 'cursor-1',
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Load more findings' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('re-reads the list and the gate after an unsuppress', async () => {
    const suppressed = testFinding({
      suppression: { source: 'user', reason: 'wont_fix' },
    });
    const listFindings = listFindingsMock([
      { items: [suppressed] },
      { items: [testFinding()] },
    ]);
    const getSecurityGate = jest.fn().mockResolvedValue(testGate());
    const unsuppressFinding = jest.fn().mockResolvedValue(testFinding());
    await renderContent({ listFindings, getSecurityGate, unsuppressFinding });

    fireEvent.click(await enabledButton('Unsuppress CVE-2024-21538'));
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Suppress CVE-2024-21538' }),
      ).toBeInTheDocument(),
    );
    expect(unsuppressFinding).toHaveBeenCalledWith('f1');
    expect(tableCalls(listFindings)).toHaveLength(2);
    expect(getSecurityGate).toHaveBeenCalledTimes(2);
  });

  it('groups the loaded findings by vulnerability and by package', async () => {
    const listFindings = listFindingsMock([
      {
        items: [
          testFinding(),
          testFinding({
            id: 'f2',
            severity: 'high',
            target: 'web/package-lock.json',
            installedVersion: '6.0.5',
            fixedVersion: '6.0.6',
          }),
          testFinding({
            id: 'f3',
            severity: 'low',
            ruleId: 'CVE-2021-23337',
            title: 'lodash: command injection',
            package: 'lodash',
            installedVersion: '4.17.20',
            fixedVersion: '4.17.21',
          }),
        ],
        nextCursor: 'cursor-1',
      },
    ]);
    await renderContent({ listFindings });
    await screen.findByText('lodash: command injection');
    const groupBy = screen.getByRole('group', { name: 'Group by' });
    expect(
      within(groupBy).getByRole('button', { name: 'Finding' }),
    ).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(
      within(groupBy).getByRole('button', { name: 'Vulnerability' }),
    );
    expect(
      await screen.findByText('Open findings by vulnerability'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Grouped over the 3 findings loaded; load more to include the rest',
      ),
    ).toBeInTheDocument();
    let rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('CVE-2024-21538');
    expect(rows[0]).toHaveTextContent('2 packages or locations');
    expect(rows[0]).toHaveTextContent('cross-spawn 6.0.5');
    expect(rows[0]).toHaveTextContent('cross-spawn 7.0.3');
    expect(
      within(rows[0]).getByLabelText('Severity critical'),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('CVE-2021-23337');
    expect(within(rows[1]).getByLabelText('Severity low')).toBeInTheDocument();

    fireEvent.click(within(groupBy).getByRole('button', { name: 'Package' }));
    expect(
      await screen.findByText('Open findings by package'),
    ).toBeInTheDocument();
    rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('cross-spawn');
    expect(rows[0]).toHaveTextContent('6.0.5 → 6.0.6');
    expect(rows[0]).toHaveTextContent('7.0.3 → 7.0.5');
    expect(rows[1]).toHaveTextContent('lodash');
    expect(rows[1]).toHaveTextContent('4.17.20 → 4.17.21');
    expect(
      within(groupBy).getByRole('button', { name: 'Package' }),
    ).toHaveAttribute('aria-pressed', 'true');
    // Grouping is over what is loaded: no extra request for it.
    expect(tableCalls(listFindings)).toHaveLength(1);
  });

  it('explains how to upload reports when the entity has no findings at all', async () => {
    await renderContent({
      listFindings: listFindingsMock([{ items: [] }], false),
    });
    expect(
      await screen.findByText('No security findings reported yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('slipway-upload-findings')).toBeInTheDocument();
    expect(document.body.textContent).toContain(
      '/api/delivery/entities/component/default/payments-api/findings',
    );
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument();
  });

  it('says nothing is open when every finding was fixed', async () => {
    await renderContent({ listFindings: listFindingsMock([{ items: [] }]) });
    expect(
      await screen.findByText(
        'No open findings: everything reported has been fixed',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No security findings reported yet'),
    ).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderContent({
      listFindings: jest.fn(async (request: ListFindingsRequest) => {
        if (request.status) throw new Error('Not allowed: delivery.run.read');
        return { items: [testFinding()] };
      }),
    });
    expect(
      (await screen.findAllByText(/Not allowed: delivery.run.read/)).length,
    ).toBeGreaterThan(0);
  });
});
