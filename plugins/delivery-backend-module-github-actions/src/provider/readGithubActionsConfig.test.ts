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
          },
        },
      }),
    );
    expect(read).toEqual({
      schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
      perPage: 100,
      maxPages: 2,
      deployments: false,
    });
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
