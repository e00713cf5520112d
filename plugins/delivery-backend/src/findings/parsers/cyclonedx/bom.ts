import { invalid, isObject, str } from '../common';

/** The format name used in error messages. */
export const CDX_FORMAT = 'CycloneDX';

/** Target when the upload names none and the BOM has no `metadata.component`. */
export const CYCLONEDX_DEFAULT_TARGET = '.';

type Json = Record<string, unknown>;

/** A package as a finding names it. */
export interface PackageRef {
  name: string;
  version?: string;
}

/** Percent-decoding that keeps malformed escapes as they are instead of throwing. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Name and version from a package URL (`pkg:type/namespace/name@version?qualifiers#subpath`).
 * Maven names are `group:artifact`, npm scopes and Go module paths keep their namespace; for
 * other types (deb, rpm, apk, ...) the namespace is a distribution and is dropped.
 */
export function packageFromPurl(purl: string): PackageRef | undefined {
  const match = /^pkg:([^/]+)\/([^?#]+)/.exec(purl);
  if (!match) return undefined;
  const type = match[1].toLowerCase();
  const path = match[2];
  const at = path.lastIndexOf('@');
  const coords = at > path.lastIndexOf('/') ? path.slice(0, at) : path;
  const version = at > path.lastIndexOf('/') ? path.slice(at + 1) : undefined;
  const segments = coords.split('/').map(decode);
  const name = segments[segments.length - 1];
  const namespace = segments.slice(0, -1).join('/');
  let full = name;
  if (namespace && type === 'maven') full = `${namespace}:${name}`;
  else if (namespace && (type === 'npm' || type === 'golang'))
    full = `${namespace}/${name}`;
  return {
    name: full,
    version: version ? decode(version) : undefined,
  };
}

/** The package a component stands for: `group` + `name` (or its purl), and `version`. */
export function packageOf(component: Json): PackageRef | undefined {
  const name = str(component.name);
  const purl = str(component.purl);
  if (!name) return purl ? packageFromPurl(purl) : undefined;
  const group = str(component.group);
  const sep = purl?.startsWith('pkg:maven/') ? ':' : '/';
  return {
    name: group ? `${group}${sep}${name}` : name,
    version: str(component.version),
  };
}

/** Components nest at most this deep; deeper is refused (4xx), never a stack overflow. */
export const MAX_COMPONENT_DEPTH = 64;

/** Adds the components of `list` (and theirs, recursively) to `index` by `bom-ref`. */
function indexList(
  list: unknown,
  field: string,
  index: Map<string, Json>,
  depth = 1,
): void {
  if (list === undefined) return;
  if (depth > MAX_COMPONENT_DEPTH) {
    invalid(
      CDX_FORMAT,
      field.length > 120 ? `${field.slice(0, 60)}…${field.slice(-40)}` : field,
      `nests components more than ${MAX_COMPONENT_DEPTH} levels deep`,
    );
  }
  if (!Array.isArray(list)) invalid(CDX_FORMAT, field, 'must be an array');
  for (const [i, component] of list.entries()) {
    const f = `${field}[${i}]`;
    if (!isObject(component)) invalid(CDX_FORMAT, f, 'must be an object');
    const ref = str(component['bom-ref']);
    if (ref && !index.has(ref)) index.set(ref, component);
    indexList(component.components, `${f}.components`, index, depth + 1);
  }
}

/**
 * Every component with a `bom-ref`, nested ones and `metadata.component` included, so
 * `affects[].ref` resolves wherever the component is declared.
 */
export function indexComponents(doc: Json): Map<string, Json> {
  const index = new Map<string, Json>();
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const subject = metadata.component;
  if (subject !== undefined) {
    if (!isObject(subject)) {
      return invalid(CDX_FORMAT, 'metadata.component', 'must be an object');
    }
    const ref = str(subject['bom-ref']);
    if (ref) index.set(ref, subject);
    indexList(subject.components, 'metadata.component.components', index);
  }
  indexList(doc.components, 'components', index);
  return index;
}

/** The component a ref points at; BOM-Links (`urn:cdx:serial/version#ref`) by their fragment. */
export function resolveRef(
  index: Map<string, Json>,
  ref: string,
): Json | undefined {
  const direct = index.get(ref);
  if (direct) return direct;
  const hash = ref.startsWith('urn:cdx:') ? ref.indexOf('#') : -1;
  return hash >= 0 ? index.get(decode(ref.slice(hash + 1))) : undefined;
}

/**
 * The tool that wrote the BOM: `metadata.tools` is an array of `{vendor, name, version}` up to
 * 1.4 and an object `{components: [...], services: [...]}` from 1.5.
 */
export function toolOf(doc: Json): { name?: string; version?: string } {
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const tools = metadata.tools;
  let list: unknown[] = [];
  if (Array.isArray(tools)) list = tools;
  else if (isObject(tools)) {
    list = [
      ...(Array.isArray(tools.components) ? tools.components : []),
      ...(Array.isArray(tools.services) ? tools.services : []),
    ];
  }
  const tool = list.find(t => isObject(t) && str(t.name));
  if (!isObject(tool)) return {};
  return { name: str(tool.name), version: str(tool.version) };
}

/** What the BOM describes (`metadata.component`): `name@version`, or `name`. */
export function subjectOf(doc: Json): {
  label?: string;
  type?: string;
  pkg?: PackageRef;
} {
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const component = metadata.component;
  if (!isObject(component)) return {};
  const pkg = packageOf(component);
  const label = pkg && (pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name);
  return { label, type: str(component.type), pkg };
}
