/*
 * Workflow files of `acme/notification-service`, written like the examples of GitHub's
 * "Workflow syntax" documentation (`on.workflow_dispatch.inputs` of every type). The expected
 * params in the tests are read off these files by hand.
 */
import { FakeRepository } from './fakeGithubState';

/** Deploy: started by pushes to main and by hand, with one input of each type. */
export const DEPLOY_WORKFLOW = `name: Deploy
on:
  push:
    branches: [main]
  workflow_dispatch:
    inputs:
      environment:
        description: Where to deploy
        type: choice
        required: true
        options:
          - staging
          - production
        default: staging
      version:
        description: Image tag to deploy
        type: string
        required: true
      dry_run:
        description: Only print the plan
        type: boolean
        default: false
      replicas:
        type: number
        default: 3
      target:
        type: environment
        required: false
      note:
        description: Free text for the run's summary
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh "\${{ inputs.environment }}" "\${{ inputs.version }}"
`;

/** CI: pushes and pull requests only; it cannot be started by hand. */
export const CI_WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`;

/** The workflow files of the fixture runs: deploy.yml on main, ci.yml on main and feature/digest. */
export function seedWorkflows(repo: FakeRepository) {
  Object.assign(repo.workflows.files, {
    'main:.github/workflows/deploy.yml': DEPLOY_WORKFLOW,
    'main:.github/workflows/ci.yml': CI_WORKFLOW,
    'feature/digest:.github/workflows/ci.yml': CI_WORKFLOW,
  });
}
