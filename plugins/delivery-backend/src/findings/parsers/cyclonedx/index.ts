// CycloneDX (1.4–1.7) vulnerability report / VEX parser.
export { cycloneDxParser } from './cycloneDxParser';
export { CYCLONEDX_DEFAULT_TARGET } from './bom';
