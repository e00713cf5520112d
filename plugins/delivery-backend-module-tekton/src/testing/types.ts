/** Tekton resources the fake API server knows about. */
export type TektonPlural = 'pipelineruns' | 'taskruns' | 'customruns';

/** tekton.dev API versions the fake API server can serve. */
export type TektonVersion = 'v1' | 'v1beta1';

export const TEKTON_GROUP = 'tekton.dev';

export const TEKTON_PLURALS: readonly TektonPlural[] = [
  'pipelineruns',
  'taskruns',
  'customruns',
];

export const TEKTON_RESOURCES: Record<
  TektonPlural,
  { kind: string; singular: string; shortNames: string[] }
> = {
  pipelineruns: {
    kind: 'PipelineRun',
    singular: 'pipelinerun',
    shortNames: ['pr', 'prs'],
  },
  taskruns: { kind: 'TaskRun', singular: 'taskrun', shortNames: ['tr', 'trs'] },
  customruns: { kind: 'CustomRun', singular: 'customrun', shortNames: [] },
};

export function isTektonPlural(value: string): value is TektonPlural {
  return (TEKTON_PLURALS as readonly string[]).includes(value);
}

export interface KubeObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** An object as stored and served by the fake API server. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

/** One request the fake API server received (recorded before auth and faults). */
export interface RecordedRequest {
  method: string;
  /** URL path without the query string, e.g. /apis/tekton.dev/v1/pipelineruns */
  path: string;
  query: Record<string, string>;
  /** The Content-Type header, when the request carried one. */
  contentType?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of JSON-compatible data. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
