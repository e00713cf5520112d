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
  /** Absent on cluster-scoped objects. */
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * A resource type the fake API server serves, like one entry of a discovery
 * `APIResourceList`. Objects of the same group and plural share one storage
 * across versions (served with the requested apiVersion).
 */
export interface ResourceDefinition {
  /** API group; '' for the core group (served under /api/v1). */
  group: string;
  version: string;
  /** Lower-case plural used in URLs, e.g. 'deployments'. */
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Default: the lower-cased kind. */
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  /**
   * What the API server does to every object written through the API (after
   * defaults), e.g. turning Secret `stringData` into `data`.
   */
  normalize?: (obj: DraftObject) => DraftObject;
}

/** An object on its way into the store (identity fields may be missing). */
export interface DraftObject {
  metadata: Record<string, unknown>;
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
  /** The user of the token, when it was one of the server's further `users`. */
  user?: string;
  /** Kubernetes impersonation headers (Impersonate-User / Impersonate-Group), when sent. */
  impersonate?: { user?: string; groups: string[] };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of JSON-compatible data. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Deep equality of JSON-compatible data that ignores prototypes (objects
 * parsed by different libraries or cloned across realms compare equal).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i]))
    );
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a).filter(k => a[k] !== undefined);
    const other = Object.keys(b).filter(k => b[k] !== undefined);
    return (
      keys.length === other.length && keys.every(k => sameJson(a[k], b[k]))
    );
  }
  return a === b;
}
