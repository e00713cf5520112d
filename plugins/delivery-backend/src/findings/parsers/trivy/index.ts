import {
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import { invalid, isObject, str } from '../common';
import { ResultScope, TRIVY } from './context';
import { readResult } from './results';

interface Shape {
  format: string;
  toolVersion?: string;
  /** Each scope's `Results` value (unchecked) and where it sits. */
  scopes: Array<{
    results: unknown;
    resultsField: string;
    scope: Omit<ResultScope, 'field'>;
  }>;
}

function isLegacyArray(document: unknown): document is unknown[] {
  return (
    Array.isArray(document) &&
    document.length > 0 &&
    document.every(
      r =>
        isObject(r) && 'Target' in r && ('Vulnerabilities' in r || 'Type' in r),
    )
  );
}

const K8S_SECTIONS = ['Vulnerabilities', 'Misconfigurations', 'Resources'];

function isK8sReport(document: unknown): boolean {
  return (
    isObject(document) &&
    'ClusterName' in document &&
    K8S_SECTIONS.some(key => Array.isArray(document[key]))
  );
}

function k8sShape(document: Record<string, unknown>): Shape {
  const scopes: Shape['scopes'] = [];
  for (const key of K8S_SECTIONS) {
    const resources = document[key];
    if (resources === undefined || resources === null) continue;
    if (!Array.isArray(resources)) invalid(TRIVY, key, 'must be an array');
    resources.forEach((resource, i) => {
      const field = `${key}[${i}]`;
      if (!isObject(resource)) invalid(TRIVY, field, 'must be an object');
      const kind =
        str(resource.Kind) ?? invalid(TRIVY, `${field}.Kind`, 'is missing');
      const name =
        str(resource.Name) ?? invalid(TRIVY, `${field}.Name`, 'is missing');
      const namespace = str(resource.Namespace);
      scopes.push({
        results: resource.Results,
        resultsField: `${field}.Results`,
        scope: {
          targetPrefix: `${namespace ? `${namespace}/` : ''}${kind}/${name}`,
        },
      });
    });
  }
  return { format: 'trivy-k8s-json', scopes };
}

function shapeOf(document: unknown): Shape {
  if (Array.isArray(document)) {
    return {
      format: 'trivy-json-legacy',
      scopes: [{ results: document, resultsField: '', scope: {} }],
    };
  }
  if (!isObject(document))
    invalid(TRIVY, 'document', 'must be an object or an array');
  if (isK8sReport(document)) return k8sShape(document);
  if (document.SchemaVersion === undefined)
    invalid(TRIVY, 'SchemaVersion', 'is missing');
  if (document.SchemaVersion !== 2) {
    invalid(
      TRIVY,
      'SchemaVersion',
      `is ${JSON.stringify(document.SchemaVersion)}; only 2 is supported`,
    );
  }
  return {
    format: 'trivy-json',
    toolVersion: isObject(document.Trivy)
      ? str(document.Trivy.Version)
      : undefined,
    scopes: [
      {
        results: document.Results,
        resultsField: 'Results',
        scope: {
          artifactName: str(document.ArtifactName),
          artifactType: str(document.ArtifactType),
        },
      },
    ],
  };
}

/**
 * Trivy JSON: `SchemaVersion: 2` reports, the pre-0.20 top-level array of results, and the
 * `trivy k8s` cluster report (targets `<namespace>/<kind>/<name>: <Target>`).
 *
 * - Vulnerabilities are 'container' for OS packages of an image and 'dependency' for language
 *   packages (and OS packages of a filesystem or repository); misconfigurations (failed
 *   checks), secrets and licenses get their own categories.
 * - `Severity` UNKNOWN falls back to `VendorSeverity`, then CVSS scores, then 'info'.
 * - Every result's `Target` is a target of the report, with findings or not.
 * - A missing or `null` `Results`, and an empty one, are complete scans with no findings: Trivy
 *   omits empty fields, so absence means "nothing found", not "not run".
 * - The literal `null` (what older Trivy wrote when it found nothing to scan) and `[]` are not
 *   claimed by `canParse`: any tool could write them. Given to `parse`, `null` is a complete scan
 *   with no findings and no target, so it fixes nothing.
 *
 * @public
 */
export const trivyParser: FindingParser = {
  format: 'trivy',
  canParse(document: unknown): boolean {
    if (isLegacyArray(document) || isK8sReport(document)) return true;
    return (
      isObject(document) &&
      'SchemaVersion' in document &&
      ('Results' in document || 'ArtifactName' in document)
    );
  },
  parse(document: unknown): ParsedReport {
    const report: ParsedReport = {
      format: 'trivy-json',
      tool: 'trivy',
      complete: true,
      targets: [],
      findings: [],
    };
    if (document === null) return report;
    const shape = shapeOf(document);
    const targets = new Set<string>();
    const findings: ParsedFinding[] = [];
    for (const { results, resultsField, scope } of shape.scopes) {
      if (results === undefined || results === null) continue;
      if (!Array.isArray(results))
        invalid(TRIVY, resultsField, 'must be an array');
      results.forEach((value, i) => {
        const read = readResult(value, {
          ...scope,
          field: `${resultsField}[${i}]`,
        });
        targets.add(read.target);
        findings.push(...read.findings);
      });
    }
    return {
      ...report,
      format: shape.format,
      ...(shape.toolVersion ? { toolVersion: shape.toolVersion } : {}),
      targets: [...targets],
      findings,
    };
  },
};
