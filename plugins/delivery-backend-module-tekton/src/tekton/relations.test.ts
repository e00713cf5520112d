import { TektonPipelineRun, TektonTaskRun } from './objects';
import {
  childNames,
  isChildOf,
  matchesChildNamePattern,
  parentPipelineRunName,
} from './relations';

const run: TektonPipelineRun = {
  metadata: { name: 'release-zm5v8', namespace: 'jx', uid: 'uid-1' },
};

describe('parentPipelineRunName', () => {
  it('reads the tekton.dev/pipelineRun label first', () => {
    expect(
      parentPipelineRunName({
        metadata: {
          labels: { 'tekton.dev/pipelineRun': 'from-label' },
          ownerReferences: [{ kind: 'PipelineRun', name: 'from-owner' }],
        },
      }),
    ).toBe('from-label');
  });

  it('falls back to a PipelineRun owner reference', () => {
    expect(
      parentPipelineRunName({
        metadata: {
          ownerReferences: [
            { kind: 'LighthouseJob', name: 'job' },
            { kind: 'PipelineRun', name: 'from-owner' },
          ],
        },
      }),
    ).toBe('from-owner');
  });

  it('is undefined for standalone or stripped TaskRuns', () => {
    expect(parentPipelineRunName({ metadata: { name: 'x' } })).toBeUndefined();
    expect(parentPipelineRunName({})).toBeUndefined();
  });
});

describe('childNames', () => {
  it('lists childReferences, then embedded map keys, without duplicates', () => {
    expect(
      childNames({
        status: {
          childReferences: [{ name: 'a' }, { name: 'b' }, {}],
          taskRuns: { b: {}, c: {} },
          runs: { d: {} },
        },
      }),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('is empty for runs without a child list', () => {
    expect(childNames({ status: { startTime: 'x' } })).toEqual([]);
    expect(childNames({})).toEqual([]);
  });
});

describe('isChildOf', () => {
  const labelled = (parent: string, namespace?: string): TektonTaskRun => ({
    metadata: {
      name: 'child',
      namespace,
      labels: { 'tekton.dev/pipelineRun': parent },
    },
  });

  it('matches by label and namespace', () => {
    expect(isChildOf(labelled('release-zm5v8', 'jx'), run)).toBe(true);
    expect(isChildOf(labelled('release-zm5v8'), run)).toBe(true);
    expect(isChildOf(labelled('release-zm5v8', 'other'), run)).toBe(false);
    expect(isChildOf(labelled('release-abcde', 'jx'), run)).toBe(false);
  });

  it('prefers the owner uid, so a re-created run does not adopt old children', () => {
    const child: TektonTaskRun = {
      metadata: {
        labels: { 'tekton.dev/pipelineRun': 'release-zm5v8' },
        ownerReferences: [
          { kind: 'PipelineRun', name: 'release-zm5v8', uid: 'uid-0' },
        ],
      },
    };
    expect(isChildOf(child, run)).toBe(false);
    expect(
      isChildOf(child, { metadata: { ...run.metadata, uid: 'uid-0' } }),
    ).toBe(true);
  });
});

describe('matchesChildNamePattern', () => {
  const child = (name: string, task = 'build'): TektonTaskRun => ({
    metadata: { name, labels: { 'tekton.dev/pipelineTask': task } },
  });

  it('accepts <run>-<task> with or without a generated suffix', () => {
    expect(matchesChildNamePattern(child('release-zm5v8-build'), run)).toBe(
      true,
    );
    expect(
      matchesChildNamePattern(child('release-zm5v8-build-k4wxt'), run),
    ).toBe(true);
  });

  it('rejects other names, suffixes and tasks', () => {
    expect(
      matchesChildNamePattern(child('release-zm5v8-build-extra'), run),
    ).toBe(false);
    expect(
      matchesChildNamePattern(child('release-zm5v8-build-aeiou'), run),
    ).toBe(false);
    expect(
      matchesChildNamePattern(child('release-zm5v8-build', 'test'), run),
    ).toBe(false);
    expect(
      matchesChildNamePattern(
        { metadata: { name: 'release-zm5v8-build' } },
        run,
      ),
    ).toBe(false);
  });

  it('never applies to children that name a parent', () => {
    const tr = child('release-zm5v8-build');
    tr.metadata!.labels!['tekton.dev/pipelineRun'] = 'release-other';
    expect(matchesChildNamePattern(tr, run)).toBe(false);
  });
});
