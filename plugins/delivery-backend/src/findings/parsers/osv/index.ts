import {
  FindingParser,
  ParsedFinding,
  ParsedReport,
} from '@slipway/plugin-delivery-node';
import { invalid, isObject, str } from '../common';
import { OSV, packageFindings } from './packageFindings';

/** Top-level keys an osv-scanner report may have besides `results` (for `results: []`). */
const OSV_KEYS = new Set(['results', 'experimental_config', 'image_metadata']);

/**
 * OSV-Scanner JSON (`--format json`): one 'dependency' finding per (package, vulnerability
 * group), targets = `results[].source.path`. `results: []` is a complete, clean scan; note that
 * osv-scanner lists only sources that have vulnerabilities, so a source that became clean is
 * simply absent from `targets`.
 *
 * @public
 */
export const osvScannerParser: FindingParser = {
  format: 'osv-scanner',
  canParse(document: unknown): boolean {
    if (!isObject(document) || !Array.isArray(document.results)) return false;
    if (document.results.length === 0) {
      // semgrep and bandit also write `results: []`, with keys of their own
      return Object.keys(document).every(key => OSV_KEYS.has(key));
    }
    return document.results.every(
      r => isObject(r) && 'source' in r && 'packages' in r,
    );
  },
  parse(document: unknown): ParsedReport {
    if (!isObject(document)) invalid(OSV, 'document', 'must be an object');
    if (!Array.isArray(document.results))
      invalid(OSV, 'results', 'must be an array');
    const targets = new Set<string>();
    const findings: ParsedFinding[] = [];
    document.results.forEach((result, i) => {
      const field = `results[${i}]`;
      if (!isObject(result)) invalid(OSV, field, 'must be an object');
      const source = isObject(result.source) ? result.source : {};
      const target =
        str(source.path) ?? invalid(OSV, `${field}.source.path`, 'is missing');
      if (!Array.isArray(result.packages)) {
        invalid(OSV, `${field}.packages`, 'must be an array');
      }
      targets.add(target);
      result.packages.forEach((pkg, j) => {
        findings.push(
          ...packageFindings(pkg, `${field}.packages[${j}]`, target),
        );
      });
    });
    return {
      format: 'osv-scanner-json',
      tool: 'osv-scanner',
      complete: true,
      targets: [...targets],
      findings,
    };
  },
};
