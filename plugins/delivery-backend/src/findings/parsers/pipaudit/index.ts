// pip-audit JSON parser (old array shape and current `{dependencies}` shape).
export { pipAuditParser, PIP_AUDIT_DEFAULT_TARGET } from './pipAuditParser';
