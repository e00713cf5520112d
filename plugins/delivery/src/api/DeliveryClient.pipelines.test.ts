import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DeliveryClient } from './DeliveryClient';

const server = setupServer();

describe('DeliveryClient pipelines', () => {
  registerMswTestHooks(server);
  const baseUrl = 'http://backend.test/api/delivery';
  const entityUrl = `${baseUrl}/entities/Component/default/payments-api`;
  const client = new DeliveryClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });
  const entity = {
    kind: 'Component',
    namespace: 'default',
    name: 'payments-api',
  };

  it('lists the pipelines the entity ran and reads one definition by provider and name', async () => {
    const pipelines = {
      items: [
        {
          provider: 'github-actions',
          pipelineName: 'Deploy / prod',
          latestRunUid: 'g1',
          latestRunAt: '2026-11-20T10:00:00.000Z',
          canStart: true,
        },
      ],
    };
    const definition = {
      provider: 'github-actions',
      pipelineName: 'Deploy / prod',
      params: [{ name: 'target', type: 'string', default: 'eu' }],
      basedOnRunUid: 'g1',
    };
    let definitionPath: string | undefined;
    server.use(
      http.get(`${entityUrl}/pipelines`, () => HttpResponse.json(pipelines)),
      http.get(`${entityUrl}/pipelines/:provider/:name`, ({ request }) => {
        definitionPath = new URL(request.url).pathname;
        return HttpResponse.json(definition);
      }),
    );
    await expect(client.listPipelines(entity)).resolves.toEqual(pipelines);
    await expect(
      client.getPipelineDefinition(entity, 'github-actions', 'Deploy / prod'),
    ).resolves.toEqual(definition);
    // the pipeline name is one path segment, slash and all
    expect(definitionPath).toBe(
      '/api/delivery/entities/Component/default/payments-api/pipelines/github-actions/Deploy%20%2F%20prod',
    );
  });

  it('posts a start as JSON with the Idempotency-Key it was given', async () => {
    const seen: Array<{ key: string | null; type: string | null; body: any }> =
      [];
    server.use(
      http.post(`${entityUrl}/runs`, async ({ request }) => {
        seen.push({
          key: request.headers.get('Idempotency-Key'),
          type: request.headers.get('Content-Type'),
          body: await request.json(),
        });
        return HttpResponse.json(
          { provider: 'tekton', name: 'payments-api-ci-x7k2p', uid: 'u-1' },
          { status: 201 },
        );
      }),
    );
    const request = {
      provider: 'tekton',
      pipelineName: 'payments-api-ci',
      params: { 'image-tag': '1.4.1', flags: ['-v', '--fast'] },
    };
    await expect(
      client.startRun(entity, request, 'start-key-1'),
    ).resolves.toEqual({
      provider: 'tekton',
      name: 'payments-api-ci-x7k2p',
      uid: 'u-1',
    });
    await client.startRun(entity, request);
    expect(seen).toEqual([
      { key: 'start-key-1', type: 'application/json', body: request },
      { key: null, type: 'application/json', body: request },
    ]);
  });

  it("says which param the backend refused in the error's message", async () => {
    const message = "Param 'image-tag' is required by payments-api-ci";
    server.use(
      http.post(`${entityUrl}/runs`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message },
            request: { method: 'POST', url: '/runs' },
            response: { statusCode: 400 },
          },
          { status: 400, statusText: 'Bad Request' },
        ),
      ),
    );
    await expect(
      client.startRun(
        entity,
        { provider: 'tekton', pipelineName: 'payments-api-ci' },
        'k',
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      message,
    });
  });

  it('answers a rollback with the deploy run it started', async () => {
    const started = {
      provider: 'tekton',
      name: 'payments-api-deploy-q8w2e',
      uid: 'd-9',
      version: '1.3.1',
      environment: 'production',
    };
    server.use(
      http.post(`${entityUrl}/environments/production/rollback`, () =>
        HttpResponse.json(started, { status: 201 }),
      ),
    );
    await expect(
      client.rollback(entity, 'production', '1.3.1'),
    ).resolves.toEqual(started);
  });
});
