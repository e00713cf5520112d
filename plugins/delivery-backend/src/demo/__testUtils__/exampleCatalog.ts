import { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';

const examples = path.resolve(__dirname, '../../../../../examples');

const ref = (kind: string, name: string) =>
  `${kind}:default/${name}`.toLocaleLowerCase('en-US');

/**
 * The demo catalog of examples/*.yaml with the relations the catalog's processors would add
 * (memberOf/hasMember, parentOf/childOf, ownedBy), for tests that need the portal's catalog.
 */
export function exampleCatalog(): Entity[] {
  const entities: Entity[] = fs
    .readdirSync(examples)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(examples, f), 'utf8')).map(
        d => d.toJSON() as Entity,
      ),
    );
  for (const e of entities) {
    const spec = (e.spec ?? {}) as Record<string, unknown>;
    const relations: Array<{ type: string; targetRef: string }> = [];
    for (const g of (spec.memberOf as string[] | undefined) ?? []) {
      relations.push({ type: 'memberOf', targetRef: ref('group', g) });
    }
    for (const c of (spec.children as string[] | undefined) ?? []) {
      relations.push({ type: 'parentOf', targetRef: ref('group', c) });
    }
    if (typeof spec.parent === 'string') {
      relations.push({ type: 'childOf', targetRef: ref('group', spec.parent) });
    }
    if (typeof spec.owner === 'string') {
      relations.push({ type: 'ownedBy', targetRef: ref('group', spec.owner) });
    }
    e.metadata.namespace ??= 'default';
    e.relations = relations;
  }
  return entities;
}
