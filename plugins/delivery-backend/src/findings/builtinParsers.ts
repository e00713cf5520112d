import { FindingParser } from '@slipway/plugin-delivery-node';
import { banditParser } from './parsers/bandit';
import { cycloneDxParser } from './parsers/cyclonedx';
import { grypeParser } from './parsers/grype';
import { npmAuditParser } from './parsers/npmaudit';
import { osvScannerParser } from './parsers/osv';
import { pipAuditParser } from './parsers/pipaudit';
import { sarifParser } from './parsers/sarif';
import { trivyParser } from './parsers/trivy';

/** The formats Slipway reads out of the box, in detection order. */
export const builtinFindingParsers: FindingParser[] = [
  sarifParser,
  trivyParser,
  grypeParser,
  osvScannerParser,
  cycloneDxParser,
  npmAuditParser,
  banditParser,
  pipAuditParser,
];
