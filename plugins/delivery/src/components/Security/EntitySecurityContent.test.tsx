import { alertApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { FindingPage } from '@slipway/plugin-delivery-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DeliveryApi, ListFindingsRequest, deliveryApiRef } from '../../api';
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

    fireEvent.click(
      await screen.findByRole('button', { name: 'Unsuppress CVE-2024-21538' }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Suppress CVE-2024-21538' }),
      ).toBeInTheDocument(),
    );
    expect(unsuppressFinding).toHaveBeenCalledWith('f1');
    expect(tableCalls(listFindings)).toHaveLength(2);
    expect(getSecurityGate).toHaveBeenCalledTimes(2);
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
