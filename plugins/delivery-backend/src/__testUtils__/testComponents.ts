import { Entity } from '@backstage/catalog-model';

/** Components for tests of entity routes: each route reads its entity from the catalog first. */
export function testComponents(...names: string[]): Entity[] {
  return names.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/test-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/test-team' }],
  }));
}

/** The components the API tests name. */
export const TEST_COMPONENTS = testComponents(
  'api',
  'ledger',
  'web',
  'payments-api',
  'checkout-web',
  'fraud-model',
  'ledger-service',
  'nothing',
);

/** These entities plus the test components none of them already names. */
export function withTestComponents(entities: Entity[] = []): Entity[] {
  const names = new Set(
    entities
      .filter(e => e.kind.toLocaleLowerCase('en-US') === 'component')
      .map(e => e.metadata.name),
  );
  return [
    ...entities,
    ...TEST_COMPONENTS.filter(c => !names.has(c.metadata.name)),
  ];
}
