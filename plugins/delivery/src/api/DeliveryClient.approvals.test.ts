import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeliveryClient } from './DeliveryClient';

const server = setupServer();

describe('DeliveryClient approvals', () => {
  registerMswTestHooks(server);
  const baseUrl = 'http://backend.test/api/delivery';
  const client = new DeliveryClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });
  const entity = {
    kind: 'Component',
    namespace: 'default',
    name: 'payments-api',
  };

  it('lists the inbox with its filters as query parameters', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/approvals`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [] });
      }),
    );
    await client.listApprovals({
      mine: true,
      state: ['pending', 'approved'],
      limit: 5,
    });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      mine: 'true',
      state: 'pending,approved',
      limit: '5',
    });
  });

  it('posts decisions, requests and rollbacks as JSON to their routes', async () => {
    const bodies: Array<[string, unknown]> = [];
    const record = async ({ request }: { request: Request }) => {
      bodies.push([new URL(request.url).pathname, await request.json()]);
      return HttpResponse.json({ ok: true }, { status: 201 });
    };
    server.use(
      http.post(`${baseUrl}/approvals/req%201/decisions`, record),
      http.post(`${baseUrl}/approvals`, record),
      http.post(
        `${baseUrl}/entities/Component/default/payments-api/environments/production/rollback`,
        record,
      ),
    );
    await client.decideApproval('req 1', 'reject', 'no');
    await client.requestApproval({
      entityRef: 'component:default/payments-api',
      environment: 'staging',
      revision: 'abc',
    });
    await client.rollback(entity, 'production', '1.3.1');
    expect(bodies).toEqual([
      [
        '/api/delivery/approvals/req%201/decisions',
        { decision: 'reject', comment: 'no' },
      ],
      [
        '/api/delivery/approvals',
        {
          entityRef: 'component:default/payments-api',
          environment: 'staging',
          revision: 'abc',
        },
      ],
      [
        '/api/delivery/entities/Component/default/payments-api/environments/production/rollback',
        { version: '1.3.1' },
      ],
    ]);
  });

  it('reads the environments of an entity and says what the backend refused', async () => {
    server.use(
      http.get(
        `${baseUrl}/entities/Component/default/payments-api/environments`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message: 'No entity component:default/payments-api',
              },
              request: { method: 'GET', url: '/environments' },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
      ),
    );
    await expect(client.getEnvironments(entity)).rejects.toMatchObject({
      statusCode: 404,
      message: 'No entity component:default/payments-api',
    });
  });
});
