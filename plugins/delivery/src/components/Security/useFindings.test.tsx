import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { FindingPage } from '@slipway/plugin-delivery-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { FindingFilter, useFindings } from '../../hooks/useFindings';
import { testEntity, testFinding } from './testFindings';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
};

function renderFindings(
  api: Partial<DeliveryApi>,
  filter: FindingFilter = {},
  limit = 2,
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <EntityProvider entity={testEntity}>{children}</EntityProvider>
    </TestApiProvider>
  );
  return renderHook(
    (props: { filter: FindingFilter }) => useFindings(props.filter, limit),
    { wrapper, initialProps: { filter } },
  );
}

const page = (ids: string[], nextCursor?: string): FindingPage => ({
  items: ids.map(id => testFinding({ id })),
  nextCursor,
});

describe('useFindings', () => {
  it('reads open and reopened findings first, then the next page by cursor', async () => {
    const listFindings = jest
      .fn()
      .mockResolvedValueOnce(page(['a', 'b'], 'c1'))
      .mockResolvedValueOnce(page(['c']));
    const { result } = renderFindings({ listFindings });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.findings.map(f => f.id)).toEqual(['a', 'b']);
    expect(result.current.hasMore).toBe(true);
    expect(listFindings).toHaveBeenLastCalledWith({
      entity,
      limit: 2,
      status: ['open', 'reopened'],
    });

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.findings).toHaveLength(3));
    expect(listFindings).toHaveBeenLastCalledWith({
      entity,
      limit: 2,
      status: ['open', 'reopened'],
      cursor: 'c1',
    });
    expect(result.current.hasMore).toBe(false);
  });

  it('re-reads everything loaded so far in one request', async () => {
    const listFindings = jest
      .fn()
      .mockResolvedValueOnce(page(['a', 'b'], 'c1'))
      .mockResolvedValueOnce(page(['c', 'd'], 'c2'))
      .mockResolvedValueOnce(page(['b', 'c', 'd', 'e'], 'c3'));
    const { result } = renderFindings({ listFindings });
    await waitFor(() => expect(result.current.findings).toHaveLength(2));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.findings).toHaveLength(4));

    act(() => result.current.reload());
    await waitFor(() =>
      expect(result.current.findings.map(f => f.id)).toEqual([
        'b',
        'c',
        'd',
        'e',
      ]),
    );
    expect(listFindings).toHaveBeenLastCalledWith({
      entity,
      limit: 4,
      status: ['open', 'reopened'],
    });
    expect(result.current.hasMore).toBe(true);
    expect(result.current.loading).toBe(false);
  });

  it('passes the filters and ignores answers for a filter no longer shown', async () => {
    let answerOld: (p: FindingPage) => void = () => {};
    const listFindings = jest
      .fn()
      .mockImplementationOnce(
        () => new Promise<FindingPage>(resolve => (answerOld = resolve)),
      )
      .mockResolvedValueOnce(page(['fixed-1']));
    const { result, rerender } = renderFindings({ listFindings });

    rerender({
      filter: { status: ['fixed'], severity: ['high'], tool: 'grype' },
    });
    await waitFor(() =>
      expect(result.current.findings.map(f => f.id)).toEqual(['fixed-1']),
    );
    expect(listFindings).toHaveBeenLastCalledWith({
      entity,
      limit: 2,
      status: ['fixed'],
      severity: ['high'],
      tool: 'grype',
    });

    await act(async () => answerOld(page(['stale'])));
    expect(result.current.findings.map(f => f.id)).toEqual(['fixed-1']);
  });

  it('reports the backend error', async () => {
    const { result } = renderFindings({
      listFindings: jest.fn().mockRejectedValue(new Error('boom')),
    });
    await waitFor(() => expect(result.current.error?.message).toBe('boom'));
    expect(result.current.loading).toBe(false);
    expect(result.current.findings).toEqual([]);
  });
});
