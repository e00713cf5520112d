import fs from 'fs';
import path from 'path';

/** ../shared/fixtures/scm beside the repository (upstream webhook deliveries, read in place). */
export const SHARED_SCM_DIR = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/scm',
);

/** Whether the shared SCM fixtures are present; logs why tests are skipped when not. */
export function sharedScmPresent(what: string): boolean {
  const present = fs.existsSync(SHARED_SCM_DIR);
  if (!present) {
    console.info(
      `Shared SCM fixtures are absent (${SHARED_SCM_DIR}); skipping ${what}.`,
    );
  }
  return present;
}

/** Parses one shared fixture file. */
export function readSharedScm<T = any>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(SHARED_SCM_DIR, file), 'utf8'));
}
