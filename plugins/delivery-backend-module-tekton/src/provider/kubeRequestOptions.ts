import {
  ConfigurationOptions,
  Observable,
  ObservableMiddleware,
} from '@kubernetes/client-node';

/**
 * Per-call client-node options that give the request (and the reading of its body) at most
 * `timeoutMs`, and abort it early when `signal` aborts (e.g. the scheduler's signal). Other
 * options (such as `setHeaderOptions`) are kept.
 */
export function kubeRequestOptions(
  timeoutMs: number,
  signal?: AbortSignal,
  base?: ConfigurationOptions<ObservableMiddleware>,
): ConfigurationOptions<ObservableMiddleware> {
  const limit: ObservableMiddleware = {
    pre: context => {
      const timeout = AbortSignal.timeout(timeoutMs);
      context.setSignal(signal ? AbortSignal.any([timeout, signal]) : timeout);
      return new Observable(Promise.resolve(context));
    },
    post: response => new Observable(Promise.resolve(response)),
  };
  return {
    ...base,
    middleware: [...(base?.middleware ?? []), limit],
    middlewareMergeStrategy: 'append',
  };
}
