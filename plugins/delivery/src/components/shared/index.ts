export { GatedButton } from './GatedButton';
export type { GatedButtonProps } from './GatedButton';
export { useEntityPermission } from './useEntityPermission';
export type { ActionWording, EntityPermission } from './useEntityPermission';
