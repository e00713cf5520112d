import {
  DeliveryApprovalSourcesExtensionPoint,
  ExternalApprovalSource,
} from '@slipway/plugin-delivery-node';

/**
 * Collects the approval sources that modules add through `delivery.approvalSources`.
 */
export class ApprovalSourceRegistry
  implements DeliveryApprovalSourcesExtensionPoint
{
  readonly #sources = new Map<string, ExternalApprovalSource>();

  addApprovalSource(...sources: ExternalApprovalSource[]): void {
    for (const source of sources) {
      const name = source.getSourceName();
      if (this.#sources.has(name)) {
        throw new Error(
          `An approval source named '${name}' is already registered with the delivery plugin`,
        );
      }
      this.#sources.set(name, source);
    }
  }

  list(): ExternalApprovalSource[] {
    return [...this.#sources.values()];
  }

  get(name: string): ExternalApprovalSource | undefined {
    return this.#sources.get(name);
  }
}
