import { FindingSeverity } from '@slipway/plugin-delivery-common';
import { ParsedFinding, ParsedReport } from '@slipway/plugin-delivery-node';
import { hashFingerprint } from '../findings/parsers/common';
import { FindingsStore } from '../findings/FindingsStore';
import { DemoDataConfig } from './seedDemoHistory';
import { SeededRandom } from './random';

const DAY = 86_400_000;

const PACKAGES: Array<[string, string, string, FindingSeverity, string]> = [
  ['openssl', '3.0.7-r0', '3.0.8-r0', 'high', 'CVE-2023-0286'],
  ['zlib', '1.2.12-r3', '1.2.13-r0', 'critical', 'CVE-2022-37434'],
  ['libcurl', '7.87.0-r0', '7.88.0-r0', 'medium', 'CVE-2023-23914'],
  ['busybox', '1.35.0-r29', '', 'low', 'CVE-2022-28391'],
  ['lodash', '4.17.20', '4.17.21', 'high', 'CVE-2021-23337'],
  ['minimist', '1.2.5', '1.2.6', 'critical', 'CVE-2021-44906'],
  ['semver', '7.3.7', '7.5.2', 'medium', 'CVE-2022-25883'],
  ['requests', '2.25.1', '2.31.0', 'medium', 'CVE-2023-32681'],
  ['pyyaml', '5.3.1', '5.4', 'critical', 'CVE-2020-14343'],
  ['urllib3', '1.26.4', '1.26.18', 'low', 'CVE-2023-45803'],
];

function vulnerability(
  target: string,
  pick: (typeof PACKAGES)[number],
): ParsedFinding {
  const [pkg, installed, fixed, severity, cve] = pick;
  return {
    fingerprint: hashFingerprint('container', cve, pkg, installed, target),
    category: 'container',
    severity,
    ruleId: cve,
    title: `${pkg}: ${cve}`,
    package: pkg,
    installedVersion: installed,
    fixedVersion: fixed || undefined,
    target,
    references: [`https://nvd.nist.gov/vuln/detail/${cve}`],
  };
}

/**
 * Two scans of each demo entity's image a few weeks apart: some fixed, some new, some overdue.
 * Entities that already have findings are left alone.
 */
export async function seedDemoFindings(options: {
  config: DemoDataConfig;
  findings: FindingsStore;
  now?: Date;
}): Promise<void> {
  const { config, findings } = options;
  if (!config.enabled) return;
  const now = options.now ?? new Date();
  const sla = { critical: 7, high: 30, medium: 90, low: 120, info: 365 };
  for (const { entityRef } of config.entities) {
    if (
      (await findings.listFindings({ entityRef, limit: 1 }, now, sla)).items
        .length > 0
    ) {
      continue; // seeded before (persistent database)
    }
    const rng = new SeededRandom(`findings:${entityRef}`);
    const name = entityRef.split('/').pop()!;
    const target = `registry.example.com/${name}:main`;
    const picks = PACKAGES.filter(() => rng.chance(0.55));
    const report = (subset: typeof PACKAGES): ParsedReport => ({
      format: 'trivy-json',
      tool: 'trivy',
      toolVersion: '0.56.2',
      complete: true,
      targets: [target],
      findings: subset.map(p => vulnerability(target, p)),
    });
    const older = picks.slice(0, Math.max(1, picks.length - 1));
    const newer = picks.slice(1);
    await findings.recordScan({
      entityRef,
      tool: 'trivy',
      report: report(older),
      now: new Date(now.getTime() - 35 * DAY),
      runUid: undefined,
    });
    await findings.recordScan({
      entityRef,
      tool: 'trivy',
      report: report(newer),
      now: new Date(now.getTime() - 2 * DAY),
      runUid: undefined,
    });
  }
}
