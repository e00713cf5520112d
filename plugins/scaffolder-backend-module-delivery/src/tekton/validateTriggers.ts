import { KubeObject } from './types';

const TT_PARAM = /\$\(tt\.params\.([A-Za-z0-9_-]+)\)/g;

type Param = { name: string; default?: unknown };

function byKind(objects: KubeObject[], kind: string) {
  return objects.filter(o => o.kind === kind);
}

function ttParamsUsed(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(TT_PARAM)].map(m => m[1]);
}

/**
 * Checks generated Triggers objects against each other and the Pipeline: each EventListener
 * trigger refers to a TriggerBinding and TriggerTemplate that exist, verifies the payload with
 * the GitHub or GitLab interceptor and a `secretRef` (secretName and secretKey), binds every
 * template param without a default and nothing the template does not declare; each template uses
 * only declared `$(tt.params.x)` and creates PipelineRuns of `pipelineName`.
 * Returns the problems found; an empty list means valid.
 */
export function validateTriggers(
  objects: KubeObject[],
  pipelineName: string,
): string[] {
  const problems: string[] = [];
  const bindings = new Map(
    byKind(objects, 'TriggerBinding').map(b => [
      b.metadata.name,
      (b.spec.params ?? []) as Param[],
    ]),
  );
  const templates = new Map(
    byKind(objects, 'TriggerTemplate').map(t => [t.metadata.name, t]),
  );
  for (const [name, template] of templates) {
    const declared = new Set(
      ((template.spec.params ?? []) as Param[]).map(p => p.name),
    );
    for (const used of ttParamsUsed(template.spec.resourcetemplates)) {
      if (!declared.has(used)) {
        problems.push(
          `TriggerTemplate "${name}" uses undeclared param "${used}"`,
        );
      }
    }
    for (const run of (template.spec.resourcetemplates ?? []) as KubeObject[]) {
      const ref = (run.spec.pipelineRef as { name?: string } | undefined)?.name;
      if (run.kind === 'PipelineRun' && ref !== pipelineName) {
        problems.push(
          `TriggerTemplate "${name}" runs pipeline "${ref}", not "${pipelineName}"`,
        );
      }
    }
  }
  const listeners = byKind(objects, 'EventListener');
  if (listeners.length === 0) problems.push('no EventListener');
  for (const listener of listeners) {
    const triggers = (listener.spec.triggers ?? []) as Array<
      Record<string, any>
    >;
    for (const trigger of triggers) {
      const where = `EventListener "${listener.metadata.name}" trigger "${trigger.name}"`;
      const scm = (trigger.interceptors ?? []).find((i: any) =>
        ['github', 'gitlab'].includes(i.ref?.name),
      );
      const secretRef = scm?.params?.find(
        (p: Param) => p.name === 'secretRef',
      )?.value;
      if (!scm) problems.push(`${where} has no github or gitlab interceptor`);
      else if (!secretRef?.secretName || !secretRef?.secretKey) {
        problems.push(
          `${where}: the ${scm.ref.name} interceptor has no secretRef`,
        );
      }
      const template = templates.get(trigger.template?.ref);
      if (!template) {
        problems.push(
          `${where} refers to unknown TriggerTemplate "${trigger.template?.ref}"`,
        );
        continue;
      }
      const bound = new Set<string>();
      for (const b of trigger.bindings ?? []) {
        const params = bindings.get(b.ref);
        if (!params)
          problems.push(`${where} refers to unknown TriggerBinding "${b.ref}"`);
        params?.forEach(p => bound.add(p.name));
      }
      const params = (template.spec.params ?? []) as Param[];
      const declared = new Set(params.map(p => p.name));
      for (const name of bound) {
        if (!declared.has(name))
          problems.push(
            `${where} binds "${name}", which the template does not declare`,
          );
      }
      for (const p of params) {
        if (p.default === undefined && !bound.has(p.name)) {
          problems.push(`${where} does not bind required param "${p.name}"`);
        }
      }
    }
  }
  return problems;
}
