import { isObject, str } from '../common';
import { SarifArtifactLocation, SarifResult, SarifRun } from './sarifTypes';

/** Where a result points, as read from its first location. */
export interface ResultLocation {
  /** The uri resolved against `originalUriBaseIds`, as a path (shown to users). */
  path?: string;
  /**
   * The uri as written in the result (not resolved): relative to the scanned root for most
   * tools, so it does not change when the CI workspace moves. Used in fingerprints.
   */
  stablePath?: string;
  startLine?: number;
  endLine?: number;
  /** `region.snippet.text`, trimmed, whitespace collapsed. */
  snippet?: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const MAX_BASE_DEPTH = 8;

/**
 * A SARIF uri as a path: `file://` stripped (`file:///C:/x` → `C:/x`, `file:////src/x` →
 * `/src/x`), percent-escapes decoded, backslashes turned into slashes, repeated slashes
 * collapsed. Other schemes (https://…) are kept as written.
 */
export function normaliseUri(uri: string): string {
  let path = uri.replace(/\\/g, '/');
  if (/^file:/i.test(path)) path = path.replace(/^file:\/*/i, '/');
  else if (SCHEME.test(path)) return path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // a literal '%' that is not an escape: keep the uri as written
  }
  path = path.replace(/\/{2,}/g, '/');
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

function join(base: string, relative: string): string {
  if (SCHEME.test(relative) || relative.startsWith('/')) return relative;
  return base.endsWith('/') ? base + relative : `${base}/${relative}`;
}

/** The uri that `originalUriBaseIds[id]` stands for, following chained base ids. */
function resolveBase(run: SarifRun, id: string, depth = 0): string | undefined {
  const bases = run.originalUriBaseIds;
  const base =
    isObject(bases) && Object.hasOwn(bases, id) ? bases[id] : undefined;
  if (!isObject(base) || depth > MAX_BASE_DEPTH) return undefined;
  const uri = str(base.uri);
  const parentId = str(base.uriBaseId);
  const parent = parentId ? resolveBase(run, parentId, depth + 1) : undefined;
  if (!uri) return parent;
  return parent ? join(parent, uri) : uri;
}

function resolve(
  run: SarifRun,
  location: SarifArtifactLocation,
): string | undefined {
  const uri = str(location.uri);
  if (!uri) return undefined;
  const baseId = str(location.uriBaseId);
  const base = baseId ? resolveBase(run, baseId) : undefined;
  return base ? join(base, uri) : uri;
}

function artifactLocation(
  run: SarifRun,
  result: SarifResult,
): SarifArtifactLocation | undefined {
  const locations = Array.isArray(result.locations) ? result.locations : [];
  const physical = isObject(locations[0])
    ? locations[0].physicalLocation
    : undefined;
  const artifact = isObject(physical) ? physical.artifactLocation : undefined;
  if (!isObject(artifact)) return undefined;
  if (str(artifact.uri) || typeof artifact.index !== 'number') return artifact;
  // no uri: the location points at `run.artifacts[index]`
  const listed = Array.isArray(run.artifacts)
    ? run.artifacts[artifact.index]
    : undefined;
  return isObject(listed) && isObject(listed.location)
    ? listed.location
    : artifact;
}

function line(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : undefined;
}

/** The first location of a result: path, lines and snippet. */
export function resultLocation(
  run: SarifRun,
  result: SarifResult,
): ResultLocation {
  const artifact = artifactLocation(run, result);
  const locations = Array.isArray(result.locations) ? result.locations : [];
  const region = locations[0]?.physicalLocation?.region;
  const resolved = artifact ? resolve(run, artifact) : undefined;
  const written = artifact ? str(artifact.uri) : undefined;
  const snippet =
    isObject(region) && isObject(region.snippet)
      ? str(region.snippet.text)
      : undefined;
  return {
    path: resolved ? normaliseUri(resolved) : undefined,
    stablePath: written ? normaliseUri(written) : undefined,
    startLine: isObject(region) ? line(region.startLine) : undefined,
    endLine: isObject(region) ? line(region.endLine) : undefined,
    snippet: snippet?.trim().replace(/\s+/g, ' ') || undefined,
  };
}

/**
 * What a run scanned, in this order: the upload's `defaultTarget`; Trivy's
 * `run.properties.imageName` (image scans); the source root, i.e. `originalUriBaseIds`
 * `SRCROOT` / `%SRCROOT%`, else the first base id that is not the filesystem root; else the
 * tool name. Findings are tracked per (tool, target), so this must be stable across scans:
 * pipelines whose workspace path changes should pass `target` with the upload.
 */
export function runTarget(
  run: SarifRun,
  tool: string,
  defaultTarget?: string,
): string {
  if (defaultTarget) return defaultTarget;
  const image = isObject(run.properties)
    ? str(run.properties.imageName)
    : undefined;
  if (image) return image;
  const ids = isObject(run.originalUriBaseIds)
    ? Object.keys(run.originalUriBaseIds)
    : [];
  const ordered = ['SRCROOT', '%SRCROOT%', ...ids];
  for (const id of ordered) {
    const root = resolveBase(run, id);
    const path = root ? normaliseUri(root).replace(/(.)\/$/, '$1') : undefined;
    if (path && path !== '/') return path;
  }
  return tool;
}
