import { PipelineRunRecord } from '@slipway/plugin-delivery-node';

/** A small, hand-written run for store and router tests. */
export function makeRun(
  overrides: Partial<PipelineRunRecord> & { uid: string },
): PipelineRunRecord {
  return {
    provider: 'test',
    cluster: 'local',
    namespace: 'ci',
    name: `run-${overrides.uid}`,
    pipelineName: 'build',
    entityRef: 'component:default/payments-api',
    status: 'succeeded',
    reason: 'Succeeded',
    createdAt: '2026-11-01T10:00:00.000Z',
    startedAt: '2026-11-01T10:00:05.000Z',
    completedAt: '2026-11-01T10:05:05.000Z',
    durationSeconds: 300,
    git: { branch: 'main', revision: 'a'.repeat(40) },
    tasks: [],
    ...overrides,
  };
}
