/**
 * The pipelines the demo history is made of: a CI pipeline per service (an ML training pipeline
 * for ML services) and a deploy pipeline that promotes dev → staging → production.
 */
export interface DemoTask {
  name: string;
  /** Typical duration range in seconds. */
  seconds: [number, number];
  /** Probability that the task fails on an attempt. */
  failure: number;
  /** Retries the pipeline allows for this task. */
  retries?: number;
  isFinally?: boolean;
}

export interface DemoPipeline {
  suffix: string;
  tasks: DemoTask[];
}

export const serviceCi: DemoPipeline = {
  suffix: 'ci',
  tasks: [
    { name: 'fetch-source', seconds: [8, 25], failure: 0.005 },
    { name: 'lint', seconds: [20, 60], failure: 0.03 },
    { name: 'unit-tests', seconds: [90, 420], failure: 0.1 },
    { name: 'build-image', seconds: [120, 360], failure: 0.04, retries: 2 },
    { name: 'scan-image', seconds: [40, 120], failure: 0.03 },
    { name: 'report-status', seconds: [3, 8], failure: 0, isFinally: true },
  ],
};

export const mlTraining: DemoPipeline = {
  suffix: 'train',
  tasks: [
    { name: 'fetch-source', seconds: [8, 25], failure: 0.005 },
    { name: 'fetch-dataset', seconds: [60, 240], failure: 0.03, retries: 2 },
    { name: 'train-model', seconds: [900, 2700], failure: 0.08 },
    { name: 'evaluate-model', seconds: [120, 400], failure: 0.1 },
    {
      name: 'build-serving-image',
      seconds: [150, 300],
      failure: 0.03,
      retries: 1,
    },
    { name: 'report-status', seconds: [3, 8], failure: 0, isFinally: true },
  ],
};

export function deployPipeline(environment: string): DemoPipeline {
  const tasks: DemoTask[] = [
    { name: 'fetch-manifests', seconds: [5, 15], failure: 0.005 },
    { name: 'deploy', seconds: [30, 150], failure: 0.04, retries: 1 },
    { name: 'smoke-test', seconds: [20, 90], failure: 0.05 },
  ];
  if (environment === 'production') {
    tasks.splice(1, 0, {
      name: 'wait-for-approval',
      seconds: [300, 5400],
      failure: 0.02,
    });
  }
  return { suffix: 'deploy', tasks };
}
