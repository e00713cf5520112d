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
      message: "No pipeline run with uid 'nope'",
      body: { error: { message: "No pipeline run with uid 'nope'" } },
    });
  });

  it("makes the backend's reason for a 403 the error message, for alerts", async () => {
    const reason =
      'Only the owners of component:default/payments-api may rerun, cancel or start the pipeline runs of it';
    server.use(
      http.post(`${baseUrl}/runs/run-1/rerun`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: reason },
            request: { method: 'POST', url: '/api/delivery/runs/run-1/rerun' },
            response: { statusCode: 403 },
          },
          { status: 403, statusText: 'Forbidden' },
        ),
      ),
    );
    const error = await client.rerun('run-1').catch(e => e);
    expect(error).toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      message: reason,
      cause: expect.objectContaining({ name: 'NotAllowedError' }),
    });
  });

  it('keeps the generic message of a server error', async () => {
    server.use(
      http.get(`${baseUrl}/runs/boom`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'connection to db lost' },
            request: { method: 'GET', url: '/api/delivery/runs/boom' },
            response: { statusCode: 500 },
          },
          { status: 500, statusText: 'Internal Server Error' },
        ),
      ),
    );
    await expect(client.getRun('boom')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 500,
      message: 'Request failed with 500 Internal Server Error',
    });
  });
});
