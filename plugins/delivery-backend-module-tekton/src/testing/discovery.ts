import {
  TEKTON_GROUP,
  TEKTON_PLURALS,
  TEKTON_RESOURCES,
  TektonVersion,
} from './types';

function groupVersions(served: TektonVersion[]) {
  return served.map(version => ({
    groupVersion: `${TEKTON_GROUP}/${version}`,
    version,
  }));
}

/** GET /apis/tekton.dev */
export function apiGroup(served: TektonVersion[]) {
  const versions = groupVersions(served);
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: TEKTON_GROUP,
    versions,
    preferredVersion: versions[0],
  };
}

/** GET /apis */
export function apiGroupList(served: TektonVersion[]) {
  const { name, versions, preferredVersion } = apiGroup(served);
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [{ name, versions, preferredVersion }],
  };
}

/** GET /apis/tekton.dev/{version} */
export function apiResourceList(version: TektonVersion) {
  const resources = TEKTON_PLURALS.flatMap(plural => {
    const { kind, singular, shortNames } = TEKTON_RESOURCES[plural];
    return [
      {
        name: plural,
        singularName: singular,
        namespaced: true,
        kind,
        verbs: [
          'delete',
          'deletecollection',
          'get',
          'list',
          'patch',
          'create',
          'update',
          'watch',
        ],
        shortNames,
        categories: ['tekton', 'tekton-pipelines'],
      },
      {
        name: `${plural}/status`,
        singularName: '',
        namespaced: true,
        kind,
        verbs: ['get', 'patch', 'update'],
      },
    ];
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${TEKTON_GROUP}/${version}`,
    resources,
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
