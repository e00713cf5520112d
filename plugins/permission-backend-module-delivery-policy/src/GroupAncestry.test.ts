import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GroupAncestry } from './GroupAncestry';

const group = (name: string, parents: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parents.map(p => ({
    type: 'childOf',
    targetRef: `group:default/${p}`,
  })),
});

describe('GroupAncestry', () => {
  it('adds every group above, through cycles without looping, and reads the catalog once per ttl', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn(async () => ({
        items: [
          group('a', ['b']),
          group('b', ['c']),
          group('c', ['a']),
          group('d'),
        ],
      })),
    });
    const ancestry = new GroupAncestry(
      { catalog, auth: mockServices.auth() },
      60_000,
    );
    expect((await ancestry.withAncestors(['Group:default/A'])).sort()).toEqual([
      'group:default/a',
      'group:default/b',
      'group:default/c',
    ]);
    expect(
      await ancestry.withAncestors(['group:default/d', 'user:default/x']),
    ).toEqual(['user:default/x', 'group:default/d']);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
  });

  it('reads again after a failed read', async () => {
    const getEntities = jest
      .fn()
      .mockRejectedValueOnce(new Error('catalog down'))
      .mockResolvedValue({ items: [group('a', ['b'])] });
    const ancestry = new GroupAncestry(
      {
        catalog: catalogServiceMock.mock({ getEntities }),
        auth: mockServices.auth(),
      },
      60_000,
    );
    await expect(ancestry.withAncestors(['group:default/a'])).rejects.toThrow(
      'catalog down',
    );
    expect(await ancestry.withAncestors(['group:default/a'])).toContain(
      'group:default/b',
    );
  });
});
