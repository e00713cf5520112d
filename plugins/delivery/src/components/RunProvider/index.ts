export { RunProvider, providerLabel } from './RunProvider';
