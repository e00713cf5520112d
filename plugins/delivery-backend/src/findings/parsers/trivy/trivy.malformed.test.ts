import { InputError } from '@backstage/errors';
import { parse, report, vuln } from './__testUtils__/reports';

describe('trivyParser.parse on malformed input', () => {
  it.each([
    [report({}), 'Results must be an array'],
    [report(['x']), 'Results[0] must be an object'],
    [report([{ Class: 'os-pkgs' }]), 'Results[0].Target is missing'],
    [
      report([{ Target: 't', Vulnerabilities: {} }]),
      'Results[0].Vulnerabilities must be an array',
    ],
    [
      report([{ Target: 't', Vulnerabilities: [vuln(), { PkgName: 'x' }] }]),
      'Results[0].Vulnerabilities[1].VulnerabilityID is missing',
    ],
    [
      report([{ Target: 't', Misconfigurations: [{ Status: 'FAIL' }] }]),
      'Results[0].Misconfigurations[0].ID is missing',
    ],
    [
      report([{ Target: 't', Secrets: [{ StartLine: 1 }] }]),
      'Results[0].Secrets[0].RuleID is missing',
    ],
    [
      report([{ Target: 't', Licenses: [{ PkgName: 'x' }] }]),
      'Results[0].Licenses[0].Name is missing',
    ],
    [
      report([], { SchemaVersion: 3 }),
      'SchemaVersion is 3; only 2 is supported',
    ],
    [{ ArtifactName: 'x', Results: [] }, 'SchemaVersion is missing'],
    [
      {
        ClusterName: 'c',
        Vulnerabilities: [{ Kind: 'Pod', Name: 'p', Results: 'x' }],
      },
      'Vulnerabilities[0].Results must be an array',
    ],
    [
      { ClusterName: 'c', Misconfigurations: [{ Name: 'p' }] },
      'Misconfigurations[0].Kind is missing',
    ],
    [[{ Type: 'npm' }], '[0].Target is missing'],
  ])('rejects malformed input naming the field (%#)', (document, message) => {
    expect(() => parse(document)).toThrow(InputError);
    expect(() => parse(document)).toThrow(`Invalid Trivy report: ${message}`);
  });
});
