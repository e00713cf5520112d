export { EntityDoraCard } from './EntityDoraCard';
export type { EntityDoraCardProps } from './EntityDoraCard';
export { EntityDoraContent } from './EntityDoraContent';
export { DoraTeamsPage } from './DoraTeamsPage';
export type { DoraTeamsPageProps } from './DoraTeamsPage';
export { DoraTeamContent } from './DoraTeamContent';
export { DoraBandChip, DORA_BAND_COLOURS } from './DoraBandChip';
export type { DoraBandChipProps } from './DoraBandChip';
