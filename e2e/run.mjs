// End-to-end test: starts the portal (README run command), drives Debian's Chromium with
// playwright-core through the guest sign-in to the demo components' CI/CD tab, and keeps
// screenshots in e2e-artifacts/. Writes e2e-artifacts/results.json; exits 1 on any failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startPortal } from './portal.mjs';
import { checks } from './checks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'e2e-artifacts');
mkdirSync(artifacts, { recursive: true });
const appUrl = process.env.E2E_APP_URL ?? 'http://localhost:3000';
const backendUrl = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';

const results = [];
let portal;
let browser;
try {
  if (process.env.E2E_USE_RUNNING_PORTAL !== '1') {
    console.log('e2e: starting the portal (scripts/start.sh) ...');
    portal = await startPortal({
      root,
      logFile: join(artifacts, 'portal.log'),
      backendUrl,
    });
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  for (const check of checks) {
    const started = Date.now();
    try {
      await check.run({ page, appUrl, backendUrl, artifacts });
      results.push({
        name: check.name,
        status: 'passed',
        ms: Date.now() - started,
      });
      console.log(`e2e: ✓ ${check.name}`);
    } catch (error) {
      const shot = join(artifacts, `failed-${results.length + 1}.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      results.push({
        name: check.name,
        status: 'failed',
        error: String(error),
        screenshot: shot,
      });
      console.log(
        `e2e: ✕ ${check.name}\n    ${String(error).split('\n').join('\n    ')}`,
      );
    }
  }
} catch (error) {
  results.push({
    name: 'start the portal and the browser',
    status: 'failed',
    error: String(error),
  });
  console.log(`e2e: ✕ could not start: ${error}`);
} finally {
  await browser?.close().catch(() => {});
  await portal?.stop();
}

const passed = results.filter(r => r.status === 'passed').length;
const failed = results.length - passed;
writeFileSync(
  join(artifacts, 'results.json'),
  JSON.stringify({ passed, failed, results }, null, 2),
);
console.log(
  `e2e: ${passed} passed, ${failed} failed (screenshots in e2e-artifacts/)`,
);
process.exit(failed > 0 ? 1 : 0);
