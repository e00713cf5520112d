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
   * The log like the API server returns it: `container` may be left out for
   * single-container pods; `tailLines` keeps the last N lines, then
   * `limitBytes` keeps the first N bytes of those (the head, possibly cutting
   * a line or a UTF-8 character); invalid values answer as the API server's
   * validation does.
   */
  read(namespace: string, pod: string, query: Record<string, string>): Buffer {
    const tailLines = logOption(pod, query, 'tailLines', 0);
    const limitBytes = logOption(pod, query, 'limitBytes', 1);
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
    const tail = Buffer.from(
      tailLines === undefined ? text : lastLines(text, tailLines),
    );
    return limitBytes === undefined ? tail : tail.subarray(0, limitBytes);
  }
}

/** A numeric PodLogOptions field: 400 when not an integer, 422 below `min`. */
function logOption(
  pod: string,
  query: Record<string, string>,
  name: 'tailLines' | 'limitBytes',
  min: number,
): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new StatusError(400, `invalid ${name} '${raw}': not an integer`);
  }
  if (value < min) {
    throw new StatusError(
      422,
      `PodLogOptions "${pod}" is invalid: ${name}: Invalid value: ${value}: must be greater than ${
        min === 0 ? 'or equal to 0' : min - 1
      }`,
    );
  }
  return value;
}

function lastLines(text: string, count: number): string {
  const lines = text.split('\n');
  const trailingNewline = text.endsWith('\n');
  if (trailingNewline) lines.pop();
  const kept = count === 0 ? [] : lines.slice(-count);
  return kept.join('\n') + (trailingNewline && kept.length > 0 ? '\n' : '');
}
