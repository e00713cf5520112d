/** Whether `name` matches a name or a pattern with `*` wildcards. */
export function matchesGlob(name: string, pattern: string): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/** Whether `name` matches any of the names or patterns. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some(p => matchesGlob(name, p));
}
