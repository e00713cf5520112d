import {
  DeliveryProvidersExtensionPoint,
  PipelineProvider,
} from '@slipway/plugin-delivery-node';

/**
 * Collects the pipeline providers that modules add through `delivery.providers`.
 */
export class ProviderRegistry implements DeliveryProvidersExtensionPoint {
  readonly #providers = new Map<string, PipelineProvider>();

  addPipelineProvider(
    ...providers: Array<PipelineProvider | Array<PipelineProvider>>
  ): void {
    for (const provider of providers.flat()) {
      const name = provider.getProviderName();
      if (this.#providers.has(name)) {
        throw new Error(
          `A pipeline provider named '${name}' is already registered with the delivery plugin`,
        );
      }
      this.#providers.set(name, provider);
    }
  }

  list(): PipelineProvider[] {
    return [...this.#providers.values()];
  }

  get(name: string): PipelineProvider | undefined {
    return this.#providers.get(name);
  }
}
