import deliveryPlugin from './alpha';

describe('new frontend system plugin', () => {
  it('provides the API, the CI/CD tab and the latest-runs card', () => {
    expect(deliveryPlugin.id).toBe('delivery');
    for (const id of [
      'api:delivery',
      'entity-content:delivery/pipelines',
      'entity-card:delivery/latest-runs',
      'entity-content:delivery/security',
      'entity-card:delivery/security-summary',
      'entity-content:delivery/group-security',
      'page:delivery/security-posture',
      'entity-content:delivery/dora',
      'entity-content:delivery/group-dora',
      'entity-card:delivery/dora',
      'page:delivery/dora-teams',
      'entity-content:delivery/environments',
      'page:delivery/approvals',
    ] as const) {
      expect(deliveryPlugin.getExtension(id)).toBeDefined();
    }
    expect(() =>
      deliveryPlugin.getExtension(
        'entity-card:delivery/missing' as 'api:delivery',
      ),
    ).toThrow();
  });
});
