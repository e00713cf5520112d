import { InputError } from '@backstage/errors';
import {
  FindingCategory,
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import { invalid, isObject } from '../common';
import {
  CDX_FORMAT,
  CYCLONEDX_DEFAULT_TARGET,
  indexComponents,
  subjectOf,
  toolOf,
} from './bom';
import { BomContext, vulnerabilityFindings } from './vulnerability';

const SUPPORTED_VERSIONS = ['1.4', '1.5', '1.6', '1.7'];

/**
 * CycloneDX JSON with `vulnerabilities` (spec 1.4 to 1.7), from scanners (Trivy, Grype, ...)
 * and VEX documents.
 *
 * Decisions:
 * - Claimed on `bomFormat: "CycloneDX"`; a missing or unsupported `specVersion` is an
 *   InputError naming the version (vulnerabilities exist in the spec from 1.4).
 * - A BOM without a `vulnerabilities` key is an SBOM, not a scan: InputError. An empty
 *   `vulnerabilities: []` is a clean scan.
 * - One finding per vulnerability and `affects[].ref`. The ref resolves by `bom-ref` among the
 *   components (nested ones and `metadata.component` included; BOM-Links by their fragment) to
 *   the package name (`group` + `name`, or the purl) and version; a ref that resolves to
 *   nothing is parsed as a purl when it is one, else used as the package name. An `affects`
 *   entry whose `versions` are all `unaffected` is skipped; a vulnerability without `affects`
 *   is one finding on the BOM's subject.
 * - Severity: the highest of `ratings[]` (`none` is info; a rating without a known word uses
 *   its `score`); no usable rating is info.
 * - ruleId `id`; aliases the `references[].id`; `fixedVersion` only from a recommendation that
 *   names exactly one version (`Upgrade x to version 1.2.3`).
 * - `analysis.state`: `not_affected` / `false_positive` give a `vex:<state>` suppression with
 *   the justification and detail; `resolved` / `resolved_with_pedigree` give no finding.
 * - Category `container` when `metadata.component.type` is `container`, else `dependency`.
 * - Tool: the first of `metadata.tools` (array or `{components, services}`), else `cyclonedx`.
 * - Target: the upload's `defaultTarget`, else `metadata.component` as `name@version` (or
 *   `name`), else `.`.
 *
 * @public
 */
export const cycloneDxParser: FindingParser = {
  format: 'cyclonedx',
  canParse(document: unknown): boolean {
    return isObject(document) && document.bomFormat === 'CycloneDX';
  },
  parse(document: unknown, options: { defaultTarget?: string }): ParsedReport {
    if (!isObject(document)) {
      return invalid(CDX_FORMAT, 'document', 'must be a JSON object');
    }
    const spec = document.specVersion;
    if (typeof spec !== 'string') {
      return invalid(CDX_FORMAT, 'specVersion', 'is missing');
    }
    if (!SUPPORTED_VERSIONS.includes(spec)) {
      return invalid(
        CDX_FORMAT,
        'specVersion',
        `${JSON.stringify(
          spec,
        )} is not supported (vulnerabilities are read from CycloneDX 1.4 to 1.7)`,
      );
    }
    if (!('vulnerabilities' in document)) {
      throw new InputError(
        'CycloneDX document has no vulnerabilities: upload a vulnerability report ' +
          '(e.g. trivy --format cyclonedx --scanners vuln)',
      );
    }
    const vulnerabilities = document.vulnerabilities;
    if (!Array.isArray(vulnerabilities)) {
      return invalid(CDX_FORMAT, 'vulnerabilities', 'must be an array');
    }
    const subject = subjectOf(document);
    const target =
      options.defaultTarget ?? subject.label ?? CYCLONEDX_DEFAULT_TARGET;
    const category: FindingCategory =
      subject.type === 'container' ? 'container' : 'dependency';
    const context: BomContext = {
      index: indexComponents(document),
      target,
      category,
      subject: subject.pkg,
    };
    const findings = new Map<string, ParsedFinding>();
    vulnerabilities.forEach((vuln, i) => {
      for (const f of vulnerabilityFindings(
        vuln,
        `vulnerabilities[${i}]`,
        context,
      )) {
        findings.set(f.fingerprint, f);
      }
    });
    const tool = toolOf(document);
    return {
      format: `cyclonedx-${spec}`,
      tool: tool.name ?? 'cyclonedx',
      toolVersion: tool.version,
      complete: true,
      targets: [target],
      findings: [...findings.values()],
    };
  },
};
