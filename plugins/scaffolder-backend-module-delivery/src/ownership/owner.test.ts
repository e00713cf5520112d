import { entityLabelValue, ownerOf, ownershipMetadata } from './owner';

const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

describe('ownership labels', () => {
  it('encodes the entity ref as a label value, the exact ref in an annotation', () => {
    const owner = ownerOf(
      {
        task: { id: '0b7f3c2e-1d2a-4c55-9e1f-3a7d2b9c8e11' },
        user: { ref: 'user:default/ada' },
      },
      'Component:Default/checkout-web',
    );
    expect(ownershipMetadata(owner)).toEqual({
      labels: {
        'slipway.dev/owner-entity': 'component.default.checkout-web',
        'slipway.dev/scaffolder-task': '0b7f3c2e-1d2a-4c55-9e1f-3a7d2b9c8e11',
        'app.kubernetes.io/managed-by': 'slipway',
      },
      annotations: {
        'slipway.dev/owner-entity-ref': 'component:default/checkout-web',
        'slipway.dev/scaffolder-task-id':
          '0b7f3c2e-1d2a-4c55-9e1f-3a7d2b9c8e11',
        'slipway.dev/created-by': 'user:default/ada',
      },
    });
  });

  it('keeps long refs and odd task ids valid and distinct', () => {
    const long = `component:default/${'a'.repeat(60)}`;
    const longer = `component:default/${'a'.repeat(59)}b`;
    expect(entityLabelValue(long)).toMatch(LABEL_VALUE);
    expect(entityLabelValue(long)).not.toBe(entityLabelValue(longer));
    const metadata = ownershipMetadata(
      ownerOf({ task: { id: 'task/with:odd chars' } }, 'component:default/x'),
    );
    expect(metadata.labels['slipway.dev/scaffolder-task']).toMatch(LABEL_VALUE);
  });

  it('refuses a ref that is not kind:namespace/name', () => {
    expect(() => ownerOf({ task: { id: 't' } }, 'checkout-web')).toThrow(
      "'checkout-web' is not a full entity ref (kind:namespace/name)",
    );
  });
});
