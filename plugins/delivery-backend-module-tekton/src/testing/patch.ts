import { StatusError } from './http';
import { clone, isRecord, sameJson } from './types';

/** RFC 7386 JSON merge patch. Returns a new value; inputs are not modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) {
    return clone(patch);
  }
  const result: Record<string, unknown> = isRecord(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key], value);
    }
  }
  return result;
}

function invalid(message: string): StatusError {
  return new StatusError(422, message);
}

/** Splits an RFC 6901 JSON pointer into unescaped tokens. */
function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== 'string' || !pointer.startsWith('/')) {
    throw invalid(`invalid JSON pointer: ${String(pointer)}`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

/** The container holding the last token of `tokens`, walked from `doc`. */
function parentOf(doc: unknown, tokens: string[], path: string): Container {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else node = undefined;
  }
  if (!Array.isArray(node) && !isRecord(node)) {
    throw invalid(`doc is missing path: "${path}"`);
  }
  return node;
}

function arrayIndex(token: string, path: string, max: number): number {
  const index = Number(token);
  if (!/^\d+$/.test(token) || index > max) {
    throw invalid(`index out of range in path: "${path}"`);
  }
  return index;
}

function getAt(doc: unknown, path: unknown): unknown {
  const tokens = parsePointer(path);
  const parent = parentOf(doc, tokens, String(path));
  const last = tokens[tokens.length - 1];
  const value = Array.isArray(parent)
    ? parent[arrayIndex(last, String(path), parent.length - 1)]
    : parent[last];
  if (value === undefined) throw invalid(`doc is missing path: "${path}"`);
  return value;
}

function addAt(doc: unknown, path: unknown, value: unknown, replace: boolean) {
  const tokens = parsePointer(path);
  const parent = parentOf(doc, tokens, String(path));
  const last = tokens[tokens.length - 1];
  if (replace) getAt(doc, path);
  if (Array.isArray(parent)) {
    if (replace) {
      parent[arrayIndex(last, String(path), parent.length - 1)] = value;
    } else if (last === '-') {
      parent.push(value);
    } else {
      parent.splice(arrayIndex(last, String(path), parent.length), 0, value);
    }
  } else {
    parent[last] = value;
  }
}

function removeAt(doc: unknown, path: unknown): void {
  getAt(doc, path);
  const tokens = parsePointer(path);
  const parent = parentOf(doc, tokens, String(path));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
}

/**
 * RFC 6902 JSON patch: add, replace, remove, test, move, copy on object and
 * array paths (not on the document root). Returns a new document.
 */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) {
    throw new StatusError(400, 'a JSON patch must be an array of operations');
  }
  const doc = clone(target);
  for (const op of patch) {
    if (!isRecord(op))
      throw invalid('a JSON patch operation must be an object');
    switch (op.op) {
      case 'add':
        addAt(doc, op.path, clone(op.value), false);
        break;
      case 'replace':
        addAt(doc, op.path, clone(op.value), true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'test':
        if (!sameJson(getAt(doc, op.path), op.value)) {
          throw invalid(`testing value ${String(op.path)} failed`);
        }
        break;
      case 'move': {
        const value = getAt(doc, op.from);
        removeAt(doc, op.from);
        addAt(doc, op.path, value, false);
        break;
      }
      case 'copy':
        addAt(doc, op.path, clone(getAt(doc, op.from)), false);
        break;
      default:
        throw invalid(`unsupported JSON patch operation: ${String(op.op)}`);
    }
  }
  return doc;
}
