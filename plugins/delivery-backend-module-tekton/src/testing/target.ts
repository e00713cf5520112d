import {
  KubeObject,
  TEKTON_GROUP,
  TEKTON_RESOURCES,
  TektonPlural,
  TektonVersion,
  isTektonPlural,
} from './types';

/** What a /apis/tekton.dev/{version}/... path addresses. */
export interface Target {
  version: TektonVersion;
  plural: TektonPlural;
  namespace?: string;
  name?: string;
  statusOnly: boolean;
}

export function qualified(plural: TektonPlural): string {
  return `${plural}.${TEKTON_GROUP}`;
}

/** An object as served for the requested version. */
export function render(obj: KubeObject, target: Target): KubeObject {
  return {
    ...obj,
    apiVersion: `${TEKTON_GROUP}/${target.version}`,
    kind: TEKTON_RESOURCES[target.plural].kind,
  };
}

/** Parses the segments after /apis/tekton.dev/{version}. */
export function parseTarget(
  version: TektonVersion,
  rest: string[],
): Target | undefined {
  if (rest.length === 1 && isTektonPlural(rest[0])) {
    return { version, plural: rest[0], statusOnly: false };
  }
  const [namespaces, namespace, plural, name, sub, ...extra] = rest;
  if (namespaces !== 'namespaces' || !isTektonPlural(plural) || extra.length) {
    return undefined;
  }
  if (sub !== undefined && sub !== 'status') return undefined;
  return { version, plural, namespace, name, statusOnly: sub === 'status' };
}
