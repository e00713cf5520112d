export { SecurityPosturePage } from './SecurityPosturePage';
export { SecurityPostureContent } from './SecurityPostureContent';
export type { SecurityPostureContentProps } from './SecurityPostureContent';
export { SecurityPostureTable } from './SecurityPostureTable';
export type { SecurityPostureTableProps } from './SecurityPostureTable';
