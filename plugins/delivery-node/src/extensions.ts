import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ExternalApprovalSource } from './approvalSources';
import { FindingParser } from './findings';
import { PipelineProvider } from './providers';

/**
 * The extension point through which backend modules add pipeline providers to the delivery
 * backend.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'delivery',
 *   moduleId: 'my-ci',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { providers: deliveryProvidersExtensionPoint },
 *       async init({ providers }) {
 *         providers.addPipelineProvider(new MyCiProvider());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export interface DeliveryProvidersExtensionPoint {
  /**
   * Add one or more pipeline providers. Provider names must be unique across all modules;
   * adding a second provider with a name already taken throws at start-up.
   */
  addPipelineProvider(
    ...providers: Array<PipelineProvider | Array<PipelineProvider>>
  ): void;
}

/**
 * Extension point id `delivery.providers`.
 *
 * @public
 */
export const deliveryProvidersExtensionPoint =
  createExtensionPoint<DeliveryProvidersExtensionPoint>({
    id: 'delivery.providers',
  });

/**
 * The extension point through which backend modules add report formats to the delivery
 * backend's findings upload. Built-in parsers cover SARIF, Trivy, Grype, OSV-Scanner, pip-audit,
 * npm audit, Bandit and CycloneDX; a parser added here is tried before them.
 *
 * @public
 */
export interface DeliveryFindingParsersExtensionPoint {
  addFindingParser(...parsers: FindingParser[]): void;
}

/**
 * Extension point id `delivery.findingParsers`.
 *
 * @public
 */
export const deliveryFindingParsersExtensionPoint =
  createExtensionPoint<DeliveryFindingParsersExtensionPoint>({
    id: 'delivery.findingParsers',
  });

/**
 * The extension point through which backend modules add approval sources: systems whose
 * approval objects (e.g. Tekton manual-approval-gate `ApprovalTask`s) appear as approval
 * requests in Slipway, decided there when the source can write decisions back.
 *
 * @public
 */
export interface DeliveryApprovalSourcesExtensionPoint {
  /** Adds sources; a second source with a name already taken throws at start-up. */
  addApprovalSource(...sources: ExternalApprovalSource[]): void;
}

/**
 * Extension point id `delivery.approvalSources`.
 *
 * @public
 */
export const deliveryApprovalSourcesExtensionPoint =
  createExtensionPoint<DeliveryApprovalSourcesExtensionPoint>({
    id: 'delivery.approvalSources',
  });
