/**
 * Polls `condition` every few milliseconds until it returns a truthy value
 * (which is returned) or `timeoutMs` passes (then it throws, naming `what`).
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  what = 'condition',
  timeoutMs = 3000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = undefined;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const cause =
        lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${timeoutMs}ms waiting for ${what}${cause}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
