import { sarifParser } from '../index';

/** Builders for small hand-written SARIF documents, shared by the parser's unit tests. */
export type Json = Record<string, unknown>;

/**
 * Rules with their severity inputs: R1 default level error and security-severity 9.8; R2 9.8;
 * R3 7.5; R4 an empty security-severity; R5 default level note.
 */
export const rules: Json[] = [
  {
    id: 'R1',
    defaultConfiguration: { level: 'error' },
    properties: { 'security-severity': '9.8' },
  },
  {
    id: 'R2',
    shortDescription: { text: 'Rule two' },
    properties: { 'security-severity': '9.8' },
  },
  { id: 'R3', properties: { 'security-severity': '7.5' } },
  {
    id: 'R4',
    shortDescription: { text: '  Rule\n four  ' },
    properties: { 'security-severity': '' },
  },
  { id: 'R5', defaultConfiguration: { level: 'note' } },
];

/** A run of the tool `name` with {@link rules}. */
export function run(
  results: unknown,
  extra: Json = {},
  name = 'Scanner',
): Json {
  return {
    tool: { driver: { name, version: '1.2.3', rules } },
    results,
    ...extra,
  };
}

/** A result's `locations` at `uri`, with an optional line and snippet. */
export function at(uri: string, startLine?: number, snippet?: string): Json {
  const region = startLine
    ? { startLine, ...(snippet ? { snippet: { text: snippet } } : {}) }
    : undefined;
  return {
    locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
  };
}

/** Parses a SARIF 2.1.0 document with these runs. */
export function parse(runs: unknown, defaultTarget?: string) {
  return sarifParser.parse({ version: '2.1.0', runs }, { defaultTarget });
}
