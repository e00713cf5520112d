import { StatusError, notFound } from './http';

/** Container logs by namespace/pod, served by the pods/log route. */
export class PodLogStore {
  private readonly pods = new Map<string, Map<string, string>>();

  set(namespace: string, pod: string, container: string, text: string): void {
    const k = `${namespace}/${pod}`;
    const containers = this.pods.get(k) ?? new Map<string, string>();
    containers.set(container, text);
    this.pods.set(k, containers);
  }

  /**
   * The log text like the kubelet would return it: `container` may be left
   * out for single-container pods; `tailLines` keeps the last N lines.
   */
  read(namespace: string, pod: string, query: Record<string, string>): string {
    const containers = this.pods.get(`${namespace}/${pod}`);
    if (!containers) throw notFound('pods', pod);
    const names = [...containers.keys()];
    const container =
      query.container ?? (names.length === 1 ? names[0] : undefined);
    if (container === undefined) {
      throw new StatusError(
        400,
        `a container name must be specified for pod ${pod}, choose one of: [${names.join(
          ' ',
        )}]`,
      );
    }
    const text = containers.get(container);
    if (text === undefined) {
      throw new StatusError(
        400,
        `container ${container} is not valid for pod ${pod}`,
      );
    }
    const tail = query.tailLines === undefined ? NaN : Number(query.tailLines);
    if (!Number.isInteger(tail) || tail < 0) return text;
    const lines = text.split('\n');
    const trailingNewline = text.endsWith('\n');
    if (trailingNewline) lines.pop();
    const kept = tail === 0 ? [] : lines.slice(-tail);
    return kept.join('\n') + (trailingNewline && kept.length > 0 ? '\n' : '');
  }
}
