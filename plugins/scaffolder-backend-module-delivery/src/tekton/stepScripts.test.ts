import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ML_INPUT, SERVICE_INPUT } from '../__testUtils__/projects';
import { buildDeployPipeline } from './deployPipeline';
import { buildPipeline } from './pipeline';
import { resolveOptions } from './options';
import { PipelineTask, Step } from './types';

/*
 * Runs the shell scripts of the generated steps with `sh`, as Tekton would after substituting
 * its variables, against stand-ins for kubectl, yq, python and pip that record their calls and
 * answer from files: the register step's switch on MLFLOW_TRACKING_URI, the KServe canary
 * (apply at the canary share, check, promote or roll back) and what the deploy steps report.
 */

const DEFAULTS = { slipwayUrl: 'https://backstage.example.com' };
const REVISION = '0123456789abcdef0123456789abcdef01234567';

/** kubectl: records the call; answers `get` from the files of a fake InferenceService. */
const KUBECTL = `#!/bin/sh
echo "kubectl $*" >> "$FAKE/calls"
case "$*" in
  *"get pods"*) cat "$FAKE/restarts" ;;
  *"jsonpath={.status.conditions"*) cat "$FAKE/ready" ;;
  *"latestReadyRevision"*) cat "$FAKE/newest" ;;
  *"traffic"*) cat "$FAKE/traffic" ;;
  *"patch"*"remove"*) printf '%s 100\\n' "$(cat "$FAKE/newest")" > "$FAKE/traffic" ;;
  *"get -n"*) test -f "$FAKE/exists" ;;
esac
`;
const RECORD = (name: string) => `#!/bin/sh
echo "${name} $*" >> "$FAKE/calls"
`;
/** python3 of the MLflow step: keeps the script it is given and reports a registered version. */
const PYTHON3 = `#!/bin/sh
echo "python3 $*" >> "$FAKE/calls"
cat > "$FAKE/python3.stdin"
printf 's3://mlflow/1/run/artifacts/model' > "$MODEL_URI_RESULT"
printf '7' > "$MODEL_VERSION_RESULT"
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-steps-'));
  for (const sub of ['bin', 'fake', 'results', 'source', 'checkout']) {
    fs.mkdirSync(path.join(dir, sub));
  }
  const stubs: Record<string, string> = {
    kubectl: KUBECTL,
    yq: RECORD('yq'),
    python: RECORD('python'),
    pip: RECORD('pip'),
    python3: PYTHON3,
  };
  for (const [name, script] of Object.entries(stubs)) {
    fs.writeFileSync(path.join(dir, 'bin', name), script, { mode: 0o755 });
  }
  fs.writeFileSync(path.join(dir, 'fake', 'calls'), '');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const fake = (file: string, text: string) =>
  fs.writeFileSync(path.join(dir, 'fake', file), text);
const calls = () =>
  fs
    .readFileSync(path.join(dir, 'fake', 'calls'), 'utf8')
    .split('\n')
    .filter(Boolean);
const result = (name: string) => {
  const file = path.join(dir, 'results', name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
};

/** Tekton's substitution of what the scripts and env values use. */
function substitute(text: string, params: Record<string, string>): string {
  return text
    .replace(/\$\(params\.([\w-]+)\)/g, (_, name) => {
      if (!(name in params)) throw new Error(`param ${name} not given`);
      return params[name];
    })
    .replace(/\$\(results\.([\w-]+)\.path\)/g, (_, name) =>
      path.join(dir, 'results', name),
    )
    .replace(/\$\(workspaces\.source\.path\)/g, path.join(dir, 'source'))
    .replace(/\$\(context\.pipelineRun\.name\)/g, 'fraud-model-x7k2p')
    .replace(/\/checkout/g, path.join(dir, 'checkout'));
}

/** Runs one step's script with its env (params substituted) and the stand-ins first on PATH. */
function run(step: Step, params: Record<string, string>) {
  const env: Record<string, string> = {
    PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
    FAKE: path.join(dir, 'fake'),
  };
  for (const e of step.env ?? []) {
    env[e.name as string] = substitute(String(e.value), params);
  }
  const script = path.join(dir, `${step.name}.sh`);
  fs.writeFileSync(script, substitute(step.script!, params));
  const answer = spawnSync('sh', [script], {
    env,
    cwd: path.join(dir, 'source'),
    encoding: 'utf8',
  });
  return { code: answer.status, stdout: answer.stdout, stderr: answer.stderr };
}

function tasksOf(input: typeof ML_INPUT, extra: object = {}) {
  const options = resolveOptions({ ...input, ...extra }, DEFAULTS);
  const tasks = buildPipeline(options).spec.tasks as PipelineTask[];
  const deployTasks = buildDeployPipeline(options, input.gitUrl).spec
    .tasks as PipelineTask[];
  return {
    step: (task: string, step: string, from = tasks) =>
      from
        .find(t => t.name === task)!
        .taskSpec!.steps.find(s => s.name === step)!,
    deployTasks,
  };
}

describe('register', () => {
  const { step } = tasksOf(ML_INPUT);
  const params = (uri: string) => ({
    image: 'registry.example.com/ml/fraud-model@sha256:abc',
    'model-uri': `s3://models/fraud-model/${REVISION}`,
    revision: REVISION,
    'mlflow-tracking-uri': uri,
  });

  it('copies the model to the file store when MLFLOW_TRACKING_URI is empty', () => {
    expect(run(step('register', 'file-store'), params('')).code).toBe(0);
    expect(run(step('register', 'mlflow'), params('')).code).toBe(0);
    expect(calls()).toEqual([
      `python -m training.register --model model --uri s3://models/fraud-model/${REVISION}`,
    ]);
    expect(result('model-uri')).toBe(`s3://models/fraud-model/${REVISION}`);
    expect(result('model-version')).toBe(REVISION);
  });

  it('registers a version in MLflow when MLFLOW_TRACKING_URI is set', () => {
    const uri = 'http://mlflow.mlflow.svc:5000';
    expect(run(step('register', 'file-store'), params(uri)).code).toBe(0);
    const mlflow = run(step('register', 'mlflow'), params(uri));
    expect(mlflow.code).toBe(0);
    expect(calls()).toEqual([
      'pip install --no-cache-dir --quiet --disable-pip-version-check mlflow-skinny==2.19.0 boto3>=1.35,<2',
      'python3 -',
    ]);
    const script = fs.readFileSync(
      path.join(dir, 'fake', 'python3.stdin'),
      'utf8',
    );
    expect(script).toContain(
      'mlflow.log_artifacts("model", artifact_path="model")',
    );
    expect(script).toContain('mlflow.register_model(');
    expect(result('model-uri')).toBe('s3://mlflow/1/run/artifacts/model');
    expect(result('model-version')).toBe('7');
  });
});

describe('the KServe canary of deploy-production', () => {
  // watched for no time at all: one round of checks
  const { step } = tasksOf(ML_INPUT, { canarySoakSeconds: 0 });
  const params = {
    namespace: 'fraud-model-production',
    revision: REVISION,
    version: REVISION,
    image: 'registry.example.com/ml/fraud-model@sha256:abc',
    'model-uri': `s3://models/fraud-model/${REVISION}`,
  };
  beforeEach(() => {
    fs.mkdirSync(path.join(dir, 'source', 'deploy', 'production'), {
      recursive: true,
    });
    fake('ready', 'True');
    fake('newest', 'fraud-model-predictor-00002');
    fake(
      'traffic',
      'fraud-model-predictor-00002 10\nfraud-model-predictor-00001 90\n',
    );
    fake('restarts', '0\n0\n');
  });
  const deploy = () => ({
    apply: run(step('deploy-production', 'apply'), params),
    check: run(step('deploy-production', 'check-canary'), params),
  });

  it('serves the new model to 10 % while one is serving, checks it, then promotes it to 100 %', () => {
    fake('exists', '');
    const { apply, check } = deploy();
    expect(apply).toMatchObject({ code: 0 });
    expect(result('canary')).toBe('true');
    expect(calls()).toContain(
      'yq -i .spec.predictor.canaryTrafficPercent = env(CANARY_PERCENT) inferenceservice.yaml',
    );
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      'Canary fraud-model-predictor-00002 healthy at 10 % for 0 s',
    );
    expect(calls().some(c => c.includes('patch'))).toBe(false);
    expect(run(step('deploy-production', 'promote'), params).code).toBe(0);
    expect(calls()).toContain(
      'kubectl patch -n fraud-model-production inferenceservice/fraud-model --type json -p [{"op":"remove","path":"/spec/predictor/canaryTrafficPercent"}]',
    );
    expect([
      result('revision'),
      result('version'),
      result('image'),
      result('model-uri'),
    ]).toEqual([REVISION, REVISION, params.image, params['model-uri']]);
  });

  it('sends all traffic back to the previous model and fails when the canary restarts', () => {
    fake('exists', '');
    fake('restarts', '0\n2\n');
    const { apply, check } = deploy();
    expect(apply.code).toBe(0);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      'Canary check failed: containers of fraud-model-predictor-00002 restarted 2 times',
    );
    expect(calls()).toContain(
      'kubectl patch -n fraud-model-production inferenceservice/fraud-model --type merge -p {"spec":{"predictor":{"canaryTrafficPercent":0}}}',
    );
    expect(result('revision')).toBeUndefined();
  });

  it('sends all traffic back when the canary does not get its share', () => {
    fake('exists', '');
    const apply = run(step('deploy-production', 'apply'), params);
    expect(apply.code).toBe(0);
    fake(
      'traffic',
      'fraud-model-predictor-00002 0\nfraud-model-predictor-00001 100\n',
    );
    const check = run(step('deploy-production', 'check-canary'), params);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('gets 0 % of the traffic, not 10 %');
  });

  it('gives the first model all the traffic: nothing to compare it with', () => {
    const { apply, check } = deploy();
    expect(apply.code).toBe(0);
    expect(result('canary')).toBe('false');
    expect(calls().some(c => c.includes('canaryTrafficPercent'))).toBe(false);
    expect(calls()).toContain(
      'kubectl wait -n fraud-model-production --for=condition=Ready --timeout=15m inferenceservice/fraud-model',
    );
    expect(check.code).toBe(0);
    expect(run(step('deploy-production', 'promote'), params).code).toBe(0);
    expect(calls().some(c => c.includes('patch'))).toBe(false);
    expect(result('revision')).toBe(REVISION);
  });
});

describe('the deploy steps', () => {
  it('roll a service out and report what they deployed', () => {
    fs.mkdirSync(path.join(dir, 'source', 'deploy', 'dev'), {
      recursive: true,
    });
    const { step } = tasksOf(SERVICE_INPUT);
    const image = 'registry.example.com/payments/ledger-service@sha256:abc';
    const answer = run(step('deploy-dev', 'apply'), {
      namespace: 'ledger-service-dev',
      revision: REVISION,
      version: REVISION,
      image,
    });
    expect(answer.code).toBe(0);
    expect(calls()).toEqual([
      'yq -i .spec.template.spec.containers[0].image = strenv(IMAGE) deployment.yaml',
      'kubectl apply -n ledger-service-dev -f deployment.yaml -f service.yaml',
      'kubectl rollout status -n ledger-service-dev --timeout=10m deployment/ledger-service',
    ]);
    expect([result('revision'), result('version'), result('image')]).toEqual([
      REVISION,
      REVISION,
      image,
    ]);
  });

  it('of the deploy pipeline default the image and version from the revision, and deploy the resolved model', () => {
    fs.mkdirSync(path.join(dir, 'checkout', 'deploy', 'staging'), {
      recursive: true,
    });
    const { step, deployTasks } = tasksOf(ML_INPUT);
    const params = {
      namespace: 'fraud-model-staging',
      revision: REVISION,
      version: '',
      image: '',
      'image-repository': 'registry.example.com/ml/fraud-model',
      'model-uri': '',
      'mlflow-tracking-uri': '',
    };
    expect(
      run(step('deploy-staging', 'model-uri', deployTasks), params).code,
    ).toBe(0);
    expect(result('model-uri')).toBe(`s3://models/fraud-model/${REVISION}`);
    expect(run(step('deploy-staging', 'apply', deployTasks), params).code).toBe(
      0,
    );
    expect(calls()).toContain(
      'kubectl apply -n fraud-model-staging -f inferenceservice.yaml',
    );
    expect([result('revision'), result('version'), result('image')]).toEqual([
      REVISION,
      REVISION,
      `registry.example.com/ml/fraud-model:${REVISION}`,
    ]);
    expect(result('model-uri')).toBe(`s3://models/fraud-model/${REVISION}`);
  });
});
