import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Manifest } from './manifest';

/** A manifest and where it came from (path relative to the workspace). */
export interface SourcedManifest {
  source: string;
  manifest: Manifest;
}

const YAML_FILE = /\.ya?ml$/;

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async e => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return yamlFiles(full);
      return e.isFile() && YAML_FILE.test(e.name) ? [full] : [];
    }),
  );
  return nested.flat().sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toManifest(doc: unknown, where: string): Manifest {
  if (!isRecord(doc)) throw new InputError(`${where} is not an object`);
  const { apiVersion, kind, metadata } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new InputError(`${where} has no apiVersion or kind`);
  }
  if (!isRecord(metadata) || typeof metadata.name !== 'string') {
    throw new InputError(`${where} (${kind}) has no metadata.name`);
  }
  return doc as Manifest;
}

/**
 * Reads every Kubernetes object from a YAML file, or from every `*.yaml` /
 * `*.yml` file below a directory (sorted by path), inside the workspace.
 * Multi-document files are split; empty documents are skipped. Throws
 * `InputError` naming the file (and document) on anything malformed.
 */
export async function readManifests(
  workspacePath: string,
  sourcePath: string,
): Promise<SourcedManifest[]> {
  const root = resolveSafeChildPath(workspacePath, sourcePath);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat) {
    throw new InputError(`${sourcePath} does not exist in the workspace`);
  }
  const files = stat.isDirectory() ? await yamlFiles(root) : [root];
  const result: SourcedManifest[] = [];
  for (const file of files) {
    const source = path.relative(workspacePath, file);
    const docs = parseAllDocuments(await fs.readFile(file, 'utf8'));
    for (const [index, doc] of docs.entries()) {
      const where = `${source} document ${index + 1}`;
      if (doc.errors.length > 0) {
        throw new InputError(
          `${where} is not valid YAML: ${doc.errors[0].message}`,
        );
      }
      const value = doc.toJS();
      if (value !== null && value !== undefined) {
        result.push({ source, manifest: toManifest(value, where) });
      }
    }
  }
  if (result.length === 0) {
    throw new InputError(`No Kubernetes objects found in ${sourcePath}`);
  }
  return result;
}
