/**
 * A default permission policy for a portal with Slipway: everyone reads what the catalog shows
 * them, owners (and members of groups below the owner) act on their entities.
 *
 * @packageDocumentation
 */
export { permissionModuleDeliveryPolicy as default } from './module';
export { DeliveryPortalPolicy } from './DeliveryPortalPolicy';
export { GroupAncestry } from './GroupAncestry';
