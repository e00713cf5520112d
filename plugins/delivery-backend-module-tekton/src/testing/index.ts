export { FakeKubeApiServer } from './FakeKubeApiServer';
export type { FakeKubeApiServerOptions } from './FakeKubeApiServer';
export { waitFor } from './waitFor';
export type {
  KubeObject,
  KubeObjectMeta,
  RecordedRequest,
  TektonPlural,
  TektonVersion,
} from './types';
