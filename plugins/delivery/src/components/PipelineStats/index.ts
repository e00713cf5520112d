export { PipelineStatsCard } from './PipelineStatsCard';
