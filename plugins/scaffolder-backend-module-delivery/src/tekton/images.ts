import { Language, Scanner } from './types';

/** Images of the generated pipeline's own steps (pinned; change them here). */
export const IMAGES = {
  git: 'docker.io/alpine/git:2.47.2',
  kaniko: 'gcr.io/kaniko-project/executor:v1.23.2',
  busybox: 'docker.io/library/busybox:1.37',
  kubectl: 'docker.io/alpine/k8s:1.31.4',
  trivy: 'docker.io/aquasec/trivy:0.58.1',
};

/** The MLflow client the register step (and the deploy pipeline's model lookup) installs. */
export const MLFLOW_CLIENT = 'mlflow-skinny==2.19.0 boto3>=1.35,<2';

/** The plain Python image of a runtime version (steps that need no project code). */
export function pythonImage(version: string): string {
  return `docker.io/library/python:${version}-slim`;
}

/** Default runtime version per language. */
export const DEFAULT_RUNTIME: Record<Language, string> = {
  python: '3.12',
  node: '22',
  go: '1.23',
  java: '21',
};

/** The image and script that run a language's tests. */
export function testStepFor(language: Language, version: string) {
  switch (language) {
    case 'python':
      return {
        image: `docker.io/library/python:${version}-slim`,
        script:
          'pip install --no-cache-dir -r requirements.txt\npython -m pytest\n',
      };
    case 'node':
      return {
        image: `docker.io/library/node:${version}`,
        script: 'npm ci\nnpm test\n',
      };
    case 'go':
      return {
        image: `docker.io/library/golang:${version}`,
        script: 'go test ./...\n',
      };
    default:
      return {
        image: `docker.io/library/maven:3-eclipse-temurin-${version}`,
        script: 'mvn -B verify\n',
      };
  }
}

/** How one scanner runs: image, either a script or the image entrypoint's args, and its report. */
export interface ScannerStep {
  image: string;
  script?: string;
  args?: string[];
  report: string;
}

/**
 * The step that runs a scanner over the source workspace and writes its report under `reports/`.
 * Scanners that exit non-zero on findings are left to Slipway's gate: the step runs with
 * `onError: continue` and the upload task decides.
 */
export function scannerStep(
  scanner: Scanner,
  language: Language,
  version: string,
): ScannerStep {
  const python = `docker.io/library/python:${version}-slim`;
  switch (scanner) {
    case 'trivy':
      // the source tree: committed secrets and misconfigurations (Dockerfile, manifests); the
      // vulnerabilities of what ships are found in the built image (`scan-trivy-image`)
      return {
        image: IMAGES.trivy,
        args: [
          'fs',
          '--scanners',
          'secret,misconfig',
          '--format',
          'json',
          '--output',
          'reports/trivy.json',
          '.',
        ],
        report: 'reports/trivy.json',
      };
    case 'grype':
      return {
        image: 'docker.io/anchore/grype:v0.86.1',
        args: ['dir:.', '--output', 'json', '--file', 'reports/grype.json'],
        report: 'reports/grype.json',
      };
    case 'osv-scanner':
      return {
        image: 'ghcr.io/google/osv-scanner:v1.9.2',
        args: [
          '--format',
          'json',
          '--output',
          'reports/osv-scanner.json',
          '--recursive',
          '.',
        ],
        report: 'reports/osv-scanner.json',
      };
    case 'semgrep':
      return {
        image: 'docker.io/semgrep/semgrep:1.99.0',
        script:
          'semgrep scan --config auto --sarif --output reports/semgrep.sarif\n',
        report: 'reports/semgrep.sarif',
      };
    case 'gitleaks':
      return {
        image: 'docker.io/zricethezav/gitleaks:v8.21.2',
        args: [
          'detect',
          '--no-git',
          '--source',
          '.',
          '--report-format',
          'sarif',
          '--report-path',
          'reports/gitleaks.sarif',
          '--exit-code',
          '0',
        ],
        report: 'reports/gitleaks.sarif',
      };
    case 'pip-audit':
      return {
        image:
          language === 'python' ? python : 'docker.io/library/python:3.12-slim',
        script:
          'pip install --no-cache-dir pip-audit\npip-audit -r requirements.txt --format json --output reports/pip-audit.json\n',
        report: 'reports/pip-audit.json',
      };
    case 'npm-audit':
      return {
        image: `docker.io/library/node:${language === 'node' ? version : '22'}`,
        script: 'npm audit --json > reports/npm-audit.json\n',
        report: 'reports/npm-audit.json',
      };
    default:
      return {
        image:
          language === 'python' ? python : 'docker.io/library/python:3.12-slim',
        script:
          'pip install --no-cache-dir bandit\nbandit -r . -x ./tests -f json -o reports/bandit.json\n',
        report: 'reports/bandit.json',
      };
  }
}
