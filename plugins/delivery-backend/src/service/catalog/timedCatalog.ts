import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';

/** How long one catalog call may take by default. */
export const DEFAULT_CATALOG_TIMEOUT_MS = 10_000;

/** `delivery.catalogTimeout` (`10s`, `PT10S` or `{ seconds: 10 }`) in milliseconds. */
export function readCatalogTimeout(config: RootConfigService): number {
  const key = 'delivery.catalogTimeout';
  if (!config.has(key)) return DEFAULT_CATALOG_TIMEOUT_MS;
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(ms > 0))
    throw new Error(`${key} must be a positive duration, e.g. 10s`);
  return ms;
}

function bounded<T>(call: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceUnavailableError(
            `The software catalog did not answer (${what}) within ${ms} ms; try again later`,
          ),
        ),
      ms,
    );
    timer.unref?.();
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

/**
 * The catalog with every call bounded: a call that takes longer than `timeoutMs` fails with
 * 503 instead of holding the request (the call itself is left to finish in the background).
 */
export function withCatalogTimeout(
  catalog: CatalogService,
  timeoutMs: number,
): CatalogService {
  return new Proxy(catalog, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        return result instanceof Promise
          ? bounded(result, timeoutMs, String(property))
          : result;
      };
    },
  });
}
