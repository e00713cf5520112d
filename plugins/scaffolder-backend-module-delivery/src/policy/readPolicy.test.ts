import { ConfigReader } from '@backstage/config';
import { matchesGlob } from './glob';
import { readScaffolderPolicy } from './readPolicy';

describe('readScaffolderPolicy', () => {
  it('defaults to the templates’ kinds, no cluster-scoped kinds, edit, and reserved platform namespaces', () => {
    const policy = readScaffolderPolicy(new ConfigReader({}));
    expect(policy.deployClusterRoles).toEqual(['edit']);
    expect(policy.allowedClusterScopedKinds).toEqual([]);
    expect(policy.allowedKinds).toContain('triggers.tekton.dev/EventListener');
    expect(policy.adoptNamespaces).toEqual([]);
    for (const ns of [
      'kube-system',
      'default',
      'openshift-config',
      'tekton-pipelines',
      'cert-manager',
    ]) {
      expect(policy.reservedNamespaces.some(p => matchesGlob(ns, p))).toBe(
        true,
      );
    }
    expect(policy.namespacePattern.test('shop-ci')).toBe(true);
    expect(policy.namespacePattern.test('Shop_CI')).toBe(false);
  });

  it('fails at start on an invalid namespacePattern', () => {
    expect(() =>
      readScaffolderPolicy(
        new ConfigReader({
          delivery: { scaffolder: { namespacePattern: '(' } },
        }),
      ),
    ).toThrow(
      'delivery.scaffolder.namespacePattern is not a valid regular expression',
    );
  });

  it('matches names and * patterns whole, with regex characters taken literally', () => {
    expect(matchesGlob('kube-system', 'kube-*')).toBe(true);
    expect(matchesGlob('my-kube-system', 'kube-*')).toBe(false);
    expect(matchesGlob('a.b', 'a.b')).toBe(true);
    expect(matchesGlob('axb', 'a.b')).toBe(false);
  });
});
