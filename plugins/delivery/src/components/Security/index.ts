export { EntitySecurityContent } from './EntitySecurityContent';
export { EntitySecuritySummaryCard } from './SecuritySummaryCard';
