import { parseFieldSelector, parseLabelSelector } from './selectors';
import { KubeObject } from './types';

function obj(labels: Record<string, string>, name = 'n'): KubeObject {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      name,
      namespace: 'ns',
      uid: 'u',
      resourceVersion: '1',
      creationTimestamp: '2024-01-01T00:00:00Z',
      labels,
    },
  };
}

describe('parseLabelSelector', () => {
  it.each([
    ['', {}, true],
    ['app=web', { app: 'web' }, true],
    ['app=web', { app: 'api' }, false],
    ['app==web', { app: 'web' }, true],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['tekton.dev/pipeline', { 'tekton.dev/pipeline': 'p' }, true],
    ['tekton.dev/pipeline', {}, false],
    ['!tekton.dev/pipeline', {}, true],
    ['!tekton.dev/pipeline', { 'tekton.dev/pipeline': 'p' }, false],
    ['app=web, env != prod', { app: 'web', env: 'dev' }, true],
    ['app=web,env!=prod', { app: 'web', env: 'prod' }, false],
    ['app in (web, api),env', { app: 'api', env: 'x' }, true],
    ['app in (web,api)', { app: 'db' }, false],
    ['app notin (web,api)', {}, true],
    ['app notin (web,api)', { app: 'web' }, false],
    ['app=', { app: '' }, true],
  ])('%j on %j is %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(obj(labels))).toBe(expected);
  });

  it.each(['app=(x)', '=web', 'app in web', 'a b'])('rejects %j', selector => {
    expect(() => parseLabelSelector(selector)).toThrow(/unable to parse/);
  });
});

describe('parseFieldSelector', () => {
  it('supports metadata.name and metadata.namespace only', () => {
    expect(parseFieldSelector('metadata.name=a')(obj({}, 'a'))).toBe(true);
    expect(
      parseFieldSelector('metadata.name!=a,metadata.namespace=ns')(
        obj({}, 'a'),
      ),
    ).toBe(false);
    expect(() => parseFieldSelector('status.phase=Running')).toThrow(
      /not supported/,
    );
  });
});
