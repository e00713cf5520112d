/**
 * GitHub Actions pipeline provider for the Slipway delivery backend.
 *
 * @packageDocumentation
 */
export { deliveryModuleGithubActions as default } from './module/githubActionsModule';
export { GithubActionsProvider } from './provider/GithubActionsProvider';
export type { GithubActionsProviderDeps } from './provider/GithubActionsProvider';
export { GITHUB_ACTIONS_PROVIDER } from './github/repository';
