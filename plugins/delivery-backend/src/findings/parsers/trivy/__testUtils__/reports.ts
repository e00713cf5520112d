import { ParsedReport } from '@slipway/plugin-delivery-node';
import { trivyParser } from '../index';

/** Builders for small hand-written Trivy reports, shared by the parser's unit tests. */

/** A vulnerability: CVE-2024-0001 in openssl 1.0.0, severity HIGH, with `extra` fields. */
export const vuln = (extra: Record<string, unknown> = {}) => ({
  VulnerabilityID: 'CVE-2024-0001',
  PkgName: 'openssl',
  InstalledVersion: '1.0.0',
  Severity: 'HIGH',
  ...extra,
});

/** A schema-2 report of the image `registry.example/app:1` with these `Results`. */
export const report = (
  results: unknown,
  extra: Record<string, unknown> = {},
) => ({
  SchemaVersion: 2,
  ArtifactName: 'registry.example/app:1',
  ArtifactType: 'container_image',
  Results: results,
  ...extra,
});

/** Parses a document with {@link trivyParser}, without a default target. */
export const parse = (document: unknown): ParsedReport =>
  trivyParser.parse(document, {});
