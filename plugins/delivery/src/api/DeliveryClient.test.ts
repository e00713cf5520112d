import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeliveryClient } from './DeliveryClient';

const server = setupServer();

describe('DeliveryClient', () => {
  registerMswTestHooks(server);
  const baseUrl = 'http://backend.test/api/delivery';
  const client = new DeliveryClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });

  it('asks for a page of runs with the filters as query parameters', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(
        `${baseUrl}/entities/component/default/payments-api/runs`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json({ items: [], nextCursor: 'next' });
        },
      ),
    );
    const page = await client.listRuns({
      entity: { kind: 'Component', namespace: 'default', name: 'payments-api' },
      limit: 10,
      cursor: 'abc',
      status: ['failed', 'running'],
      provider: 'github-actions',
    });
    expect(page).toEqual({ items: [], nextCursor: 'next' });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      limit: '10',
      cursor: 'abc',
      status: 'failed,running',
      provider: 'github-actions',
    });
  });

  it('turns an error response into a ResponseError with the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/runs/nope`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: "No pipeline run with uid 'nope'",
            },
            request: { method: 'GET', url: '/api/delivery/runs/nope' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(client.getRun('nope')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { message: "No pipeline run with uid 'nope'" } },
    });
  });
});
