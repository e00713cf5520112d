import { ConfigReader } from '@backstage/config';
import { readGithubActionsConfig } from './readGithubActionsConfig';

describe('readGithubActionsConfig', () => {
  it('defaults to a sync every 5 minutes, 50 per page, 4 pages, deployments on', () => {
    expect(readGithubActionsConfig(new ConfigReader({}))).toEqual({
      schedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 4 },
        initialDelay: { seconds: 30 },
      },
      perPage: 50,
      maxPages: 4,
      deployments: true,
      requestTimeoutMs: 20_000,
      etagCacheMaxBytes: 32 * 1024 * 1024,
      webhookSecretConfigured: false,
    });
  });

  it('reads the schedule and limits', () => {
    const read = readGithubActionsConfig(
      new ConfigReader({
        delivery: {
          githubActions: {
            schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
            perPage: 100,
            maxPages: 2,
            deployments: false,
            requestTimeout: '5s',
            etagCacheMaxBytes: 1_000_000,
          },
        },
        events: { modules: { github: { webhookSecret: 's3cret' } } },
      }),
    );
    expect(read).toEqual({
      schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
      perPage: 100,
      maxPages: 2,
      deployments: false,
      requestTimeoutMs: 5_000,
      etagCacheMaxBytes: 1_000_000,
      webhookSecretConfigured: true,
    });
  });

  it('counts a GitHub App webhook secret as signing, and a blank secret as none', () => {
    const read = (data: ConstructorParameters<typeof ConfigReader>[0]) =>
      readGithubActionsConfig(new ConfigReader(data)).webhookSecretConfigured;
    expect(
      read({
        integrations: {
          github: [
            {
              host: 'github.com',
              apps: [
                {
                  appId: 1,
                  clientId: 'c',
                  clientSecret: 's',
                  privateKey: 'k',
                  webhookSecret: 'app-secret',
                },
              ],
            },
          ],
        },
      }),
    ).toBe(true);
    expect(
      read({ events: { modules: { github: { webhookSecret: '  ' } } } }),
    ).toBe(false);
  });

  it('reads requestTimeout as a duration', () => {
    const timeout = (requestTimeout: string | { seconds: number }) =>
      readGithubActionsConfig(
        new ConfigReader({ delivery: { githubActions: { requestTimeout } } }),
      ).requestTimeoutMs;
    expect(timeout({ seconds: 12 })).toBe(12_000);
    expect(timeout('PT30S')).toBe(30_000);
    expect(() => timeout('0ms')).toThrow(/positive duration/);
  });

  it('names the bad setting', () => {
    expect(() =>
      readGithubActionsConfig(
        new ConfigReader({ delivery: { githubActions: { perPage: 500 } } }),
      ),
    ).toThrow(
      'delivery.githubActions.perPage must be an integer from 1 to 100, got 500',
    );
    expect(() =>
      readGithubActionsConfig(
        new ConfigReader({ delivery: { githubActions: { maxPages: 0 } } }),
      ),
    ).toThrow('delivery.githubActions.maxPages must be a positive integer');
  });
});
