/** A Kubernetes object to apply (as written in a manifest). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Labels and annotations of an existing object. */
export interface ObjectMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** What happened to one object: `planned` in a dry run. */
export type ApplyResult = 'created' | 'updated' | 'unchanged' | 'planned';

/** One object of a plan or of what was applied (never its contents). */
export interface AppliedObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  result: ApplyResult;
  [key: string]: string | undefined;
}

/** 'Kind namespace/name' or 'Kind name', for logs and errors. */
export function describeObject(obj: {
  kind: string;
  namespace?: string;
  name: string;
}): string {
  return `${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ''}${obj.name}`;
}
