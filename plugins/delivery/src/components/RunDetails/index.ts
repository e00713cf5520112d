export { RunDetailsDrawer } from './RunDetailsDrawer';
export type { RunDetailsDrawerProps } from './RunDetailsDrawer';
