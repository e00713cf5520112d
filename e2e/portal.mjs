// Starts the portal with the README's run command and waits until the backend is ready and the
// frontend bundle is compiled. Returns a stop() that ends the whole process group.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function ok(url) {
  try {
    const res = await fetch(url);
    return res.ok;
  } catch {
    return false;
  }
}

export async function startPortal({
  root,
  logFile,
  backendUrl,
  timeoutMs = 300_000,
}) {
  if (await ok(`${backendUrl}/.backstage/health/v1/readiness`)) {
    throw new Error(
      `Something already answers at ${backendUrl}: stop the running portal first, or set E2E_USE_RUNNING_PORTAL=1 to test it`,
    );
  }
  const log = createWriteStream(logFile);
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let compiled = false;
  let exited = null;
  const watch = chunk => {
    log.write(chunk);
    if (/compiled successfully/i.test(chunk.toString())) compiled = true;
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);
  child.on('exit', code => (exited = code));

  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    log.end();
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(
        `The portal exited with code ${exited} before it was ready; see ${logFile}`,
      );
    }
    if (
      compiled &&
      (await ok(`${backendUrl}/.backstage/health/v1/readiness`))
    ) {
      return { stop };
    }
    await sleep(1000);
  }
  await stop();
  throw new Error(
    `The portal was not ready within ${timeoutMs / 1000}s; see ${logFile}`,
  );
}
