/**
 * The small part of SARIF 2.1.0 that the parser reads (`@types/sarif` is not a dependency).
 * Every field is optional and read defensively: reports come from many tools and the shapes
 * are only checked where a wrong type would make the parser misread the report.
 */

/** A SARIF `message`: plain text, or an id into the rule's `messageStrings` with arguments. */
export interface SarifMessage {
  text?: string;
  id?: string;
  arguments?: unknown[];
}

/** `multiformatMessageString` (rule descriptions, help). */
export interface SarifText {
  text?: string;
}

/** `reportingDescriptor`: a rule. */
export interface SarifRule {
  id?: string;
  name?: string;
  shortDescription?: SarifText;
  fullDescription?: SarifText;
  help?: SarifText;
  helpUri?: string;
  messageStrings?: Record<string, SarifText | undefined>;
  defaultConfiguration?: { level?: string };
  properties?: Record<string, unknown>;
}

/** `artifactLocation`. */
export interface SarifArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
}

/** `region` (only the parts used for the location and the fingerprint). */
export interface SarifRegion {
  startLine?: number;
  endLine?: number;
  snippet?: SarifText;
}

/** `location`. */
export interface SarifLocation {
  physicalLocation?: {
    artifactLocation?: SarifArtifactLocation;
    region?: SarifRegion;
  };
}

/** `suppression`. `status` absent means accepted. */
export interface SarifSuppression {
  kind?: string;
  status?: string;
  justification?: string;
}

/** `result`. */
export interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  rule?: { id?: string; index?: number };
  kind?: string;
  level?: string;
  message?: SarifMessage;
  locations?: SarifLocation[];
  partialFingerprints?: Record<string, unknown>;
  fingerprints?: Record<string, unknown>;
  suppressions?: SarifSuppression[] | null;
  properties?: Record<string, unknown>;
}

/** `notification` (in `invocations[].toolExecutionNotifications` and friends). */
export interface SarifNotification {
  level?: string;
  message?: SarifMessage;
}

/** `invocation`. */
export interface SarifInvocation {
  executionSuccessful?: boolean;
  exitCode?: number;
  toolExecutionNotifications?: SarifNotification[];
  toolConfigurationNotifications?: SarifNotification[];
}

/** `toolComponent`. */
export interface SarifToolComponent {
  name?: string;
  version?: string;
  semanticVersion?: string;
  rules?: SarifRule[];
}

/** `run`. SARIF 2.0.0 pre-releases may put `name`/`version` on `tool` itself. */
export interface SarifRun {
  tool?: SarifToolComponent & { driver?: SarifToolComponent };
  results?: unknown;
  invocations?: SarifInvocation[];
  artifacts?: Array<{ location?: SarifArtifactLocation }>;
  originalUriBaseIds?: Record<string, SarifArtifactLocation | undefined>;
  properties?: Record<string, unknown>;
}
