import { ParsedReport } from '@slipway/plugin-delivery-node';

/** Column sizes of `delivery_findings` / `delivery_finding_scans`. */
export const MAX_TOOL = 128;
export const MAX_TOOL_VERSION = 64;
export const MAX_TARGET = 512;

/**
 * A report cut to what the database stores: tool names, versions and targets longer than their
 * columns are truncated the same way everywhere (so a truncated target still deduplicates), on
 * SQLite and PostgreSQL alike, instead of failing on PostgreSQL only.
 */
export function boundReport(report: ParsedReport): ParsedReport {
  const target = (t: string) => t.slice(0, MAX_TARGET);
  return {
    ...report,
    tool: report.tool.slice(0, MAX_TOOL),
    toolVersion: report.toolVersion?.slice(0, MAX_TOOL_VERSION),
    targets: [...new Set(report.targets.map(target))],
    findings: report.findings.map(f => ({ ...f, target: target(f.target) })),
  };
}
