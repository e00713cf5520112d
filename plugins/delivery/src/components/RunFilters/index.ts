export { RunFilters } from './RunFilters';
