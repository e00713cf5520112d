import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeObject } from '../types';
import { ClusterObjects } from './clusterObjects';
import {
  PipelineSpec,
  PipelineTask,
  WorkspaceBinding,
  asArray,
  asRecord,
  str,
} from './model';
import { RunFailure } from './resolve';

/** Files of a Secret or ConfigMap binding: its `items`, else every key. */
async function writeKeys(
  dir: string,
  data: Record<string, string> | undefined,
  items: Array<{ key: string; path: string }> | undefined,
): Promise<void> {
  if (!data) return;
  const files = items?.length
    ? items.map(i => [i.path, data[i.key]] as const)
    : Object.entries(data);
  for (const [path, content] of files) {
    if (content === undefined) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/**
 * Local directories standing in for a PipelineRun's workspace bindings: the directory the test
 * gave for a binding's name, else a fresh temporary one (with the keys of a `secret` or
 * `configMap` binding written as files), removed by `cleanup()`.
 */
export class RunWorkspaces {
  private constructor(
    private readonly bindings: WorkspaceBinding[],
    private readonly dirs: Map<string, string>,
    private readonly temporary: string[],
  ) {}

  /**
   * Checks the bindings against the Pipeline's workspaces (a missing non-optional one fails the
   * run with `InvalidWorkspaceBindings`, like Tekton) and prepares a directory per binding.
   */
  static async create(
    run: KubeObject,
    spec: PipelineSpec,
    given: Record<string, string>,
    objects: ClusterObjects,
  ): Promise<RunWorkspaces> {
    const bindings = asArray<WorkspaceBinding>(asRecord(run.spec).workspaces);
    const bound = new Set(bindings.map(b => b.name));
    for (const ws of asArray<{ name: string; optional?: boolean }>(
      spec.workspaces,
    )) {
      if (!ws.optional && !bound.has(ws.name)) {
        throw new RunFailure(
          'InvalidWorkspaceBindings',
          `pipeline requires workspace with name "${ws.name}" be provided by pipelinerun`,
        );
      }
    }
    const dirs = new Map<string, string>();
    const temporary: string[] = [];
    const namespace = run.metadata.namespace ?? '';
    for (const binding of bindings) {
      let dir = given[binding.name];
      if (!dir) {
        dir = await mkdtemp(join(tmpdir(), `tekton-ws-${binding.name}-`));
        temporary.push(dir);
        const secret = str(binding.secret?.secretName);
        const configMap = str(binding.configMap?.name);
        if (secret) {
          await writeKeys(
            dir,
            objects.secretData(namespace, secret),
            binding.secret?.items,
          );
        } else if (configMap) {
          await writeKeys(
            dir,
            objects.configMapData(namespace, configMap),
            binding.configMap?.items,
          );
        }
      }
      dirs.set(
        binding.name,
        binding.subPath ? join(dir, binding.subPath) : dir,
      );
    }
    return new RunWorkspaces(bindings, dirs, temporary);
  }

  /** The directories of a pipeline task's workspaces, by the task's workspace name. */
  async forTask(task: PipelineTask): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const ws of asArray<{
      name: string;
      workspace?: string;
      subPath?: string;
    }>(task.workspaces)) {
      const base = this.dirs.get(ws.workspace ?? ws.name);
      if (!base) continue;
      const dir = ws.subPath ? join(base, ws.subPath) : base;
      await mkdir(dir, { recursive: true });
      result[ws.name] = dir;
    }
    return result;
  }

  /** The TaskRun's `spec.workspaces`: the run's bindings under the task's workspace names. */
  bindingsForTask(task: PipelineTask): WorkspaceBinding[] {
    return asArray<{ name: string; workspace?: string; subPath?: string }>(
      task.workspaces,
    ).flatMap(ws => {
      const binding = this.bindings.find(
        b => b.name === (ws.workspace ?? ws.name),
      );
      if (!binding) return [];
      const subPath = [binding.subPath, ws.subPath].filter(Boolean).join('/');
      return [{ ...binding, name: ws.name, ...(subPath ? { subPath } : {}) }];
    });
  }

  /** `workspaces.<name>.bound` of the pipeline's workspaces. */
  bound(): string[] {
    return this.bindings.map(b => b.name);
  }

  async cleanup(): Promise<void> {
    await Promise.all(
      this.temporary.map(dir => rm(dir, { recursive: true, force: true })),
    );
  }
}
