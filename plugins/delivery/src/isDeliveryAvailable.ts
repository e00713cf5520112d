import { Entity } from '@backstage/catalog-model';
import { DELIVERY_ENTITY_ANNOTATIONS } from '@slipway/plugin-delivery-common';

/**
 * Whether Slipway's delivery views apply to an entity: it carries `backstage.io/kubernetes-id`,
 * `backstage.io/kubernetes-label-selector` or `github.com/project-slug` (GitHub Actions). Use it
 * with `EntitySwitch`.
 *
 * @public
 */
export function isDeliveryAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return DELIVERY_ENTITY_ANNOTATIONS.some(a => Boolean(annotations[a]));
}
