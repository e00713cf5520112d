import { ResourceRegistry, ServedGroup } from './registry';
import { ResourceDefinition } from './types';

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function groupVersions({ name, versions }: ServedGroup) {
  return versions.map(version => ({
    groupVersion: `${name}/${version}`,
    version,
  }));
}

/** GET /apis/{group} */
export function apiGroup(group: ServedGroup) {
  const versions = groupVersions(group);
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group.name,
    versions,
    preferredVersion: versions[0],
  };
}

/** GET /apis */
export function apiGroupList(registry: ResourceRegistry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map(group => {
      const { name, versions, preferredVersion } = apiGroup(group);
      return { name, versions, preferredVersion };
    }),
  };
}

function resourceEntries(def: ResourceDefinition) {
  const { plural, kind, namespaced } = def;
  return [
    {
      name: plural,
      singularName: def.singular ?? kind.toLowerCase(),
      namespaced,
      kind,
      verbs: VERBS,
      ...(def.shortNames?.length ? { shortNames: def.shortNames } : {}),
      ...(def.categories?.length ? { categories: def.categories } : {}),
    },
    {
      name: `${plural}/status`,
      singularName: '',
      namespaced,
      kind,
      verbs: ['get', 'patch', 'update'],
    },
  ];
}

/** GET /api/v1 or /apis/{group}/{version} */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: registry.inGroupVersion(group, version).flatMap(resourceEntries),
  };
}

/** GET /api */
export function coreApiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' },
    ],
  };
}

/** GET /version */
export function versionInfo() {
  return {
    major: '1',
    minor: '31',
    gitVersion: 'v1.31.0-slipway-fake',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T00:00:00Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
