// npm audit JSON parser (npm >= 7 `auditReportVersion: 2`, and the npm 6 legacy report).
export { npmAuditParser } from './npmAuditParser';
export { NPM_AUDIT_DEFAULT_TARGET } from './shared';
