import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint, invalid, isObject, str } from '../common';
import { groupSeverity } from './severity';

/** The name used in error messages: `Invalid OSV-Scanner report: ...`. */
export const OSV = 'OSV-Scanner';

type Json = Record<string, unknown>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => !!str(s)) : [];
}

function objects(value: unknown, field: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) invalid(OSV, field, 'must be an array');
  return value.map((v, i) =>
    isObject(v) ? v : invalid(OSV, `${field}[${i}]`, 'must be an object'),
  );
}

/**
 * The id a group is tracked by: the lowest CVE id of the group (ids and aliases), else the
 * lowest GHSA id, else the lowest OSV id of the group. CVE first so the same vulnerability
 * carries the same id as in Trivy and Grype; sorted so the choice does not depend on order.
 */
export function primaryId(ids: string[]): string {
  const sorted = [...new Set(ids)].sort();
  return (
    sorted.find(id => id.startsWith('CVE-')) ??
    sorted.find(id => id.startsWith('GHSA-')) ??
    sorted[0]
  );
}

/**
 * `fixed` events of the records' `affected[]` entries for this package (GIT ranges only for a
 * git source): the single fix of an entry whose `versions` lists the installed version, else
 * every distinct fix, comma-separated (as Trivy writes them).
 */
function fixedVersion(
  records: Json[],
  name?: string,
  ecosystem?: string,
  version?: string,
) {
  const all: string[] = [];
  const forInstalled: string[][] = [];
  for (const record of records) {
    for (const affected of Array.isArray(record.affected)
      ? record.affected.filter(isObject)
      : []) {
      const pkg = isObject(affected.package) ? affected.package : undefined;
      if (pkg && name && String(pkg.name).toLowerCase() !== name.toLowerCase())
        continue;
      if (pkg && ecosystem && pkg.ecosystem !== ecosystem) continue;
      const fixed = (
        Array.isArray(affected.ranges) ? affected.ranges.filter(isObject) : []
      )
        .filter(r => !version || r.type !== 'GIT')
        .flatMap(r =>
          Array.isArray(r.events) ? r.events.filter(isObject) : [],
        )
        .map(e => str(e.fixed))
        .filter((f): f is string => f !== undefined);
      if (
        version &&
        fixed.length &&
        strings(affected.versions).includes(version)
      ) {
        forInstalled.push(fixed);
      }
      all.push(...fixed);
    }
  }
  return (
    forInstalled.find(f => f.length === 1)?.[0] ??
    ([...new Set(all)].join(', ') || undefined)
  );
}

/**
 * One finding per vulnerability group of one package (`groups[].ids` are OSV records of the
 * same vulnerability). Records no group mentions (or all of them, when `groups` is absent) form
 * groups of their own. Fingerprint: (category, primary id, ecosystem, name, version, target); a
 * git source's commit is left out, as it changes with every scan.
 */
export function packageFindings(
  value: unknown,
  field: string,
  target: string,
): ParsedFinding[] {
  if (!isObject(value)) invalid(OSV, field, 'must be an object');
  const pkg = value.package;
  if (!isObject(pkg)) invalid(OSV, `${field}.package`, 'is missing');
  const name = str(pkg.name);
  const ecosystem = str(pkg.ecosystem);
  const version = str(pkg.version);
  const records = new Map<string, Json>();
  objects(value.vulnerabilities, `${field}.vulnerabilities`).forEach(
    (record, i) => {
      const id =
        str(record.id) ??
        invalid(OSV, `${field}.vulnerabilities[${i}].id`, 'is missing');
      records.set(id, record);
    },
  );
  const groups = objects(value.groups, `${field}.groups`).map((group, i) => {
    const ids = strings(group.ids);
    if (!ids.length)
      invalid(OSV, `${field}.groups[${i}].ids`, 'must list at least one id');
    return { group, ids };
  });
  const grouped = new Set(groups.flatMap(g => g.ids));
  for (const id of records.keys()) {
    if (!grouped.has(id)) groups.push({ group: {}, ids: [id] });
  }
  return groups.map(({ group, ids }) => {
    const members = [...ids]
      .sort()
      .map(id => records.get(id))
      .filter(isObject);
    const allIds = [
      ...ids,
      ...strings(group.aliases),
      ...members.flatMap(r => strings(r.aliases)),
    ];
    const ruleId = primaryId(allIds);
    const aliases = [...new Set(allIds)].filter(id => id !== ruleId).sort();
    const references = [
      ...new Set(
        members.flatMap(r =>
          (Array.isArray(r.references) ? r.references.filter(isObject) : [])
            .map(ref => str(ref.url))
            .filter((u): u is string => u !== undefined),
        ),
      ),
    ];
    return {
      fingerprint: hashFingerprint(
        'dependency',
        ruleId,
        ecosystem,
        name,
        version,
        target,
      ),
      category: 'dependency' as const,
      severity: groupSeverity(group, members),
      ruleId,
      ...(aliases.length ? { aliases } : {}),
      title: members.map(r => str(r.summary)).find(Boolean) ?? ruleId,
      description: members.map(r => str(r.details)).find(Boolean),
      package: name,
      installedVersion: version ?? str(pkg.commit),
      fixedVersion: fixedVersion(members, name, ecosystem, version),
      location: { path: target },
      target,
      ...(references.length ? { references } : {}),
    };
  });
}
