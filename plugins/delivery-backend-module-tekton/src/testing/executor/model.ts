/*
 * Loose shapes of the Tekton definitions the executor reads (tekton.dev/v1, as YAML-parsed JSON),
 * and readers that tolerate hand-written data.
 */
import { isRecord } from '../types';

/** A param or result value: a string, an array of strings or an object of strings. */
export type ParamValue = string | string[] | Record<string, string>;

/** A `{ name, value }` entry of `params` (PipelineTask, PipelineRun, TaskRun, taskRef). */
export interface NamedValue {
  name: string;
  value: ParamValue;
}

/** A declared param of a Pipeline or Task. */
export interface ParamSpec {
  name: string;
  type?: 'string' | 'array' | 'object';
  default?: ParamValue;
  description?: string;
}

/** A `valueFrom` key reference of a step's env var. */
export interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}

export interface StepEnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}

export interface Step {
  name?: string;
  image?: string;
  script?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: StepEnvVar[];
  /** `continue` lets the task go on (and succeed) after the step fails. */
  onError?: string;
  [key: string]: unknown;
}

export interface TaskSpec {
  params?: ParamSpec[];
  results?: Array<{ name: string; type?: string; description?: string }>;
  workspaces?: Array<{ name: string; optional?: boolean }>;
  steps?: Step[];
  /** Only on a PipelineTask's embedded taskSpec. */
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

export interface WhenExpression {
  input: string;
  operator: string;
  values: string[];
}

export interface TaskRef {
  name?: string;
  kind?: string;
  apiVersion?: string;
  resolver?: string;
  params?: NamedValue[];
}

export interface PipelineTask {
  name: string;
  displayName?: string;
  taskRef?: TaskRef;
  taskSpec?: TaskSpec;
  params?: NamedValue[];
  runAfter?: string[];
  when?: WhenExpression[];
  workspaces?: Array<{ name: string; workspace?: string; subPath?: string }>;
  [key: string]: unknown;
}

export interface PipelineSpec {
  params?: ParamSpec[];
  tasks?: PipelineTask[];
  finally?: PipelineTask[];
  results?: Array<{ name: string; value: ParamValue; type?: string }>;
  workspaces?: Array<{ name: string; optional?: boolean }>;
  [key: string]: unknown;
}

/** One `spec.workspaces` binding of a PipelineRun. */
export interface WorkspaceBinding {
  name: string;
  subPath?: string;
  secret?: {
    secretName?: string;
    items?: Array<{ key: string; path: string }>;
  };
  configMap?: { name?: string; items?: Array<{ key: string; path: string }> };
  [key: string]: unknown;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function asArray<T = unknown>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A param value as Tekton would hold it (numbers and booleans of loose YAML as strings). */
export function toParamValue(value: unknown): ParamValue {
  if (Array.isArray(value)) return value.map(v => String(v));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, String(v)]),
    );
  }
  return value === undefined || value === null ? '' : String(value);
}

/** `params` entries with a name, values normalised. */
export function namedValues(list: unknown): NamedValue[] {
  return asArray(list)
    .filter(isRecord)
    .filter(p => typeof p.name === 'string' && p.name !== '')
    .map(p => ({ name: p.name as string, value: toParamValue(p.value) }));
}

/** `name → value` of a params list (the first entry of a name wins). */
export function valueMap(list: NamedValue[]): Map<string, ParamValue> {
  const map = new Map<string, ParamValue>();
  for (const { name, value } of list) if (!map.has(name)) map.set(name, value);
  return map;
}

/** Labels or annotations: only string values. */
export function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** Tekton's name for a step: its `name`, else `unnamed-<index>`. */
export function stepName(step: Step, index: number): string {
  return str(step.name) ?? `unnamed-${index}`;
}
