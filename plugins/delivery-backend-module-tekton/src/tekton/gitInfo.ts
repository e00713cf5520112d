import { RunGitInfo } from '@slipway/plugin-delivery-common';
import { TektonPipelineRun } from './objects';
import { nonEmptyString } from './values';

/*
 * Where the source-control facts of a PipelineRun come from, most trusted first; each field
 * takes the first source that has it.
 *
 * 1. Pipelines-as-Code (pipelinesascode.tekton.dev/*). PaC writes the raw values as annotations
 *    and label-sanitised copies as labels, so annotations are read before labels:
 *    `repo-url`, `sha`, `branch` (the target/base branch, `refs/heads/` stripped),
 *    `pull-request`, `event-type` (e.g. `push`, `pull_request`).
 * 2. Lighthouse / Jenkins X (lighthouse.jenkins-x.io/*): annotation `cloneURI`; labels
 *    `lastCommitSHA` (the PR head for presubmits), else `baseSHA`; `branch`; `refs.pull`;
 *    `type` (`presubmit` is reported as `pull_request`, `postsubmit` as `push`, others as is).
 * 3. Tekton Triggers: label `triggers.tekton.dev/eventlistener` gives only the event type; its
 *    value (the listener's name) is used, because Triggers records nothing more specific.
 * 4. PipelineRun params, names compared case-insensitively with `_` read as `-`:
 *    `revision` / `git-revision` / `commit` / `sha`; `url` / `repo-url` / `git-url`;
 *    `branch` / `git-branch`. Empty values and unresolved `$(...)` / `{{...}}` placeholders are
 *    ignored.
 * 5. Repository names without a URL, as `<org>/<repo>`: PaC `url-org` + `url-repository`, then
 *    Lighthouse `refs.org` + `refs.repo`.
 */

const PAC = 'pipelinesascode.tekton.dev/';
const LIGHTHOUSE = 'lighthouse.jenkins-x.io/';
const TRIGGERS_LISTENER = 'triggers.tekton.dev/eventlistener';

const REVISION_PARAMS = ['revision', 'git-revision', 'commit', 'sha'];
const URL_PARAMS = ['url', 'repo-url', 'git-url'];
const BRANCH_PARAMS = ['branch', 'git-branch'];

const LIGHTHOUSE_EVENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['presubmit', 'pull_request'],
  ['postsubmit', 'push'],
]);

function first(...candidates: Array<string | undefined>): string | undefined {
  return candidates.find(c => c !== undefined);
}

function stripBranchRef(branch: string | undefined): string | undefined {
  return branch?.replace(/^refs\/heads\//, '');
}

function normaliseParamName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

function isUnresolved(value: string): boolean {
  return value.includes('$(') || value.includes('{{');
}

/**
 * Source-control facts of a PipelineRun from Pipelines-as-Code, Lighthouse and Tekton Triggers
 * metadata, then from conventional param names (see the comment at the top of this file for the
 * full precedence). Fields nobody records stay `undefined`.
 *
 * @public
 */
export function gitInfoOf(run: TektonPipelineRun): RunGitInfo {
  const labels = run.metadata?.labels;
  const annotations = run.metadata?.annotations;
  const meta = (key: string) =>
    nonEmptyString(annotations?.[key]) ?? nonEmptyString(labels?.[key]);

  const params = new Map<string, string>();
  if (Array.isArray(run.spec?.params)) {
    for (const param of run.spec.params) {
      const name = nonEmptyString(param?.name);
      const value = nonEmptyString(param?.value);
      if (name && value && !isUnresolved(value)) {
        const key = normaliseParamName(name);
        if (!params.has(key)) {
          params.set(key, value);
        }
      }
    }
  }
  const param = (names: string[]) => first(...names.map(n => params.get(n)));
  const orgRepo = (org: string | undefined, repo: string | undefined) =>
    org && repo ? `${org}/${repo}` : undefined;

  const lighthouseType = meta(`${LIGHTHOUSE}type`);
  const info: RunGitInfo = {
    repository: first(
      meta(`${PAC}repo-url`),
      meta(`${LIGHTHOUSE}cloneURI`),
      param(URL_PARAMS),
      orgRepo(meta(`${PAC}url-org`), meta(`${PAC}url-repository`)),
      orgRepo(meta(`${LIGHTHOUSE}refs.org`), meta(`${LIGHTHOUSE}refs.repo`)),
    ),
    revision: first(
      meta(`${PAC}sha`),
      meta(`${LIGHTHOUSE}lastCommitSHA`),
      meta(`${LIGHTHOUSE}baseSHA`),
      param(REVISION_PARAMS),
    ),
    branch: stripBranchRef(
      first(
        meta(`${PAC}branch`),
        meta(`${LIGHTHOUSE}branch`),
        param(BRANCH_PARAMS),
      ),
    ),
    pullRequest: first(
      meta(`${PAC}pull-request`),
      meta(`${LIGHTHOUSE}refs.pull`),
    ),
    eventType: first(
      meta(`${PAC}event-type`),
      lighthouseType
        ? LIGHTHOUSE_EVENT_TYPES.get(lighthouseType) ?? lighthouseType
        : undefined,
      meta(TRIGGERS_LISTENER),
    ),
  };
  return Object.fromEntries(
    Object.entries(info).filter(([, v]) => v !== undefined),
  );
}
