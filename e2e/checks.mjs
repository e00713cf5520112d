// The end-to-end checks, in order; each gets { page, appUrl, backendUrl, artifacts }.
import { join } from 'node:path';

const TIMEOUT = 60_000;

async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  } catch {
    throw new Error(`Expected to see ${what}`);
  }
}

/** Opens `url` until `locator` shows (data seeded in the background may still be on its way). */
async function openUntilVisible(page, url, locator, what) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await page.goto(url);
    try {
      await locator.first().waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Expected to see ${what}`);
    }
  }
}

export const checks = [
  {
    name: 'guest sign-in lands on the catalog with the demo components',
    async run({ page, appUrl, artifacts }) {
      await page.goto(appUrl);
      const enter = page.getByRole('button', { name: 'Enter' });
      await expectVisible(enter, 'the guest sign-in "Enter" button');
      await enter.click();
      // the guest is a member of platform-team, so the catalog opens on "Owned": show all
      await expectVisible(
        page.getByText('checkout-web'),
        'the owned components',
      );
      await page.goto(
        `${appUrl}/?filters%5Bkind%5D=component&filters%5Buser%5D=all`,
      );
      await expectVisible(
        page.getByText('payments-api'),
        'payments-api in the catalog',
      );
      await expectVisible(
        page.getByText('fraud-model'),
        'fraud-model in the catalog',
      );
      await page.screenshot({ path: join(artifacts, '01-catalog.png') });
    },
  },
  {
    name: "the CI/CD tab lists a demo component's seeded runs, newest first, with more on request",
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/payments-api/ci-cd`);
      await expectVisible(
        page.getByText('Pipeline runs'),
        'the "Pipeline runs" table',
      );
      const rows = page.locator('tbody tr', {
        hasText: /payments-api-(ci|deploy)-/,
      });
      await expectVisible(rows, 'seeded runs in the table');
      const firstPage = await rows.count();
      if (firstPage !== 25) {
        throw new Error(`Expected a first page of 25 runs, saw ${firstPage}`);
      }
      await expectVisible(
        rows.first().getByText('Running'),
        'the live run on top',
      );
      await page.screenshot({
        path: join(artifacts, '02-ci-cd-tab.png'),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Load older runs' }).click();
      await page.waitForFunction(
        () => document.querySelectorAll('tbody tr').length >= 50,
        undefined,
        { timeout: TIMEOUT },
      );
    },
  },
  {
    name: 'filtering the CI/CD tab to failed runs asks the backend for failed runs only',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/payments-api/ci-cd`);
      await expectVisible(
        page.getByText('Pipeline health, last 30 days'),
        'the pipeline health card',
      );
      await page.locator('#runs-status-select').click();
      await page.getByRole('option', { name: 'failed', exact: true }).click();
      await page.keyboard.press('Escape');
      await expectVisible(
        page.getByText('Pipeline runs (filtered)'),
        'the filtered table',
      );
      const rows = page.locator('tbody tr', {
        hasText: /payments-api-(ci|deploy)-/,
      });
      await expectVisible(rows, 'failed runs');
      const statuses = await rows.locator('td:first-child').allInnerTexts();
      if (statuses.length === 0 || statuses.some(s => !s.includes('Failed'))) {
        throw new Error(
          `Expected only failed runs, saw: ${statuses.join(', ')}`,
        );
      }
      await page.screenshot({
        path: join(artifacts, '06-failed-runs.png'),
        fullPage: true,
      });
    },
  },
  {
    name: "opening a failed run shows its task timeline and the failed task's step logs",
    async run({ page, artifacts }) {
      const open = page.getByRole('button', { name: /^Open run / }).first();
      const runName = (await open.innerText()).trim();
      await open.click();
      await expectVisible(
        page.getByRole('button', { name: 'Close run details' }),
        'the run drawer',
      );
      if (!page.url().includes('run=')) {
        throw new Error(
          `Expected the run to be deep-linked with ?run=, URL is ${page.url()}`,
        );
      }
      await expectVisible(
        page.getByText(runName).last(),
        `the run name ${runName} in the drawer`,
      );
      await page.screenshot({ path: join(artifacts, '07-run-details.png') });
      await expectVisible(
        page.getByText(/Process exited with code 1/),
        "the failed step's log",
      );
      await page.screenshot({ path: join(artifacts, '08-task-logs.png') });
      await page.getByRole('button', { name: 'Close run details' }).click();
    },
  },
  {
    name: 'a component on GitHub Actions shows its CI runs beside its Tekton deploys, filterable by provider',
    async run({ page, appUrl, artifacts }) {
      await page.goto(
        `${appUrl}/catalog/default/component/notification-service/ci-cd`,
      );
      const github = page.locator('tbody tr', { hasText: /CI #\d+/ });
      const tekton = page.locator('tbody tr', {
        hasText: /notification-service-deploy-/,
      });
      await expectVisible(github, 'GitHub Actions runs (CI #n)');
      await expectVisible(tekton, 'Tekton deploy runs beside them');
      await expectVisible(
        github
          .first()
          .getByRole('link', { name: /^Open CI #\d+ in GitHub Actions/ }),
        'a link to the run on GitHub',
      );
      await page.screenshot({
        path: join(artifacts, '16-github-actions-runs.png'),
        fullPage: true,
      });
      await page.locator('#runs-provider-select').click();
      await page.getByRole('option', { name: 'GitHub Actions' }).click();
      await expectVisible(
        page.getByText('Pipeline runs (filtered)'),
        'the table filtered by provider',
      );
      await page.waitForFunction(
        () =>
          document.querySelectorAll('tbody tr').length > 0 &&
          ![...document.querySelectorAll('tbody tr')].some(r =>
            /notification-service-deploy-/.test(r.textContent ?? ''),
          ),
        undefined,
        { timeout: TIMEOUT },
      );
      await page.screenshot({
        path: join(artifacts, '17-github-actions-filtered.png'),
        fullPage: true,
      });
      // a GitHub run's drawer: provider, link, and why its logs cannot be read in the demo
      await page
        .getByRole('button', { name: /^Open run CI #/ })
        .nth(1)
        .click();
      await expectVisible(
        page.getByText(/No GitHub integration with credentials for github.com/),
        "the reason the demo cannot read a GitHub job's log",
      );
      await page.screenshot({
        path: join(artifacts, '18-github-actions-run.png'),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Close run details' }).click();
    },
  },
  {
    name: 'the ML component shows its training pipeline runs',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/fraud-model/ci-cd`);
      await expectVisible(
        page.getByText(/fraud-model-train-/),
        'fraud-model training runs',
      );
      await page.screenshot({
        path: join(artifacts, '03-ml-ci-cd-tab.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the overview card shows the latest runs',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/payments-api`);
      await expectVisible(
        page.getByText('Latest pipeline runs'),
        'the "Latest pipeline runs" card',
      );
      await expectVisible(
        page.getByText(/payments-api-(ci|deploy)/),
        'runs in the card',
      );
      await page.screenshot({
        path: join(artifacts, '04-overview-card.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the Security tab shows the gate and the demo findings with their lifecycle',
    async run({ page, appUrl, artifacts }) {
      await page.goto(
        `${appUrl}/catalog/default/component/payments-api/security`,
      );
      await expectVisible(
        page.getByText(/Security gate|Gate/i),
        'the security gate',
      );
      await expectVisible(
        page.getByText(/CVE-\d{4}-\d+/),
        'findings with CVE ids',
      );
      await page.screenshot({
        path: join(artifacts, '09-security-tab.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the security posture page ranks the teams by their open findings',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/security-posture`);
      await expectVisible(
        page.getByText('Security posture').first(),
        'the posture page',
      );
      await expectVisible(
        page.getByText(/payments-team/).first(),
        'the payments team',
      );
      await expectVisible(page.getByText(/ml-team/).first(), 'the ML team');
      await page.screenshot({
        path: join(artifacts, '10-security-posture.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the DORA tab shows the five metrics with bands and the records behind them',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/payments-api/dora`);
      await expectVisible(page.getByText(/lead time/i), 'the lead time metric');
      await expectVisible(
        page.getByText(/change failure rate/i),
        'the change failure rate',
      );
      await expectVisible(page.getByText(/elite|high|medium|low/i), 'a band');
      await page.screenshot({
        path: join(artifacts, '11-dora-tab.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the DORA-by-team page pools each team',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/dora`);
      await expectVisible(
        page.getByText('DORA by team').first(),
        'the DORA teams page',
      );
      await expectVisible(
        page.getByText(/payments-team/).first(),
        'the payments team',
      );
      await page.screenshot({
        path: join(artifacts, '12-dora-teams.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'a component without the annotation says which annotation to add',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/docs-site/ci-cd`);
      await expectVisible(
        page.getByText(/Missing Annotation/i),
        'the missing-annotation state',
      );
      await expectVisible(
        page.getByText('backstage.io/kubernetes-id'),
        'the annotation name',
      );
      await page.screenshot({
        path: join(artifacts, '05-missing-annotation.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'My approvals lists the promotions waiting for the guest',
    async run({ page, appUrl, artifacts }) {
      await openUntilVisible(
        page,
        `${appUrl}/approvals`,
        page.getByText(/checkout-web .* → staging/),
        'the checkout-web promotion in the inbox',
      );
      await page.screenshot({
        path: join(artifacts, '13-my-approvals.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the Environments tab shows lanes and the guest approves a pending promotion',
    async run({ page, appUrl, artifacts }) {
      const request = page.getByLabel(/^approval request .* → staging$/);
      await openUntilVisible(
        page,
        `${appUrl}/catalog/default/component/checkout-web/environments`,
        request,
        'the pending checkout-web promotion to staging',
      );
      await expectVisible(
        page.getByLabel('environment production'),
        'the production lane',
      );
      await expectVisible(request.getByText('pending'), 'the pending state');
      await page.screenshot({
        path: join(artifacts, '14-environments.png'),
        fullPage: true,
      });
      await request.getByRole('button', { name: 'Approve' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Comment/).fill('Checked staging dashboards');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await expectVisible(
        page.getByText(
          /Approved promotion of checkout-web to staging: started deploy run checkout-web-deploy-/,
        ),
        'the confirmation naming the deploy run the approval started',
      );
      // the golden path: the approval started the deploy pipeline, and the lane follows it
      await expectVisible(
        page.getByRole('group', { name: 'deploying to staging' }),
        'the staging lane deploying the approved revision',
      );
      await page.screenshot({
        path: join(artifacts, '24-promotion-deploying.png'),
        fullPage: true,
      });
      await page
        .getByRole('group', { name: 'deploying to staging' })
        .waitFor({ state: 'detached', timeout: TIMEOUT });
      await page.screenshot({
        path: join(artifacts, '25-promotion-deployed.png'),
        fullPage: true,
      });
      await openUntilVisible(
        page,
        `${appUrl}/approvals`,
        page.getByText('Nothing waits for your approval'),
        'an empty inbox after approving',
      );
      await page.goto(
        `${appUrl}/catalog/default/component/payments-api/environments`,
      );
      await expectVisible(
        page.getByText('You are not among the approvers'),
        'why the guest cannot approve payments-api to production',
      );
      await page.screenshot({
        path: join(artifacts, '15-not-an-approver.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'an owner rolls one environment back: the deploy pipeline starts for that lane only',
    async run({ page, appUrl, artifacts }) {
      await page.goto(
        `${appUrl}/catalog/default/component/checkout-web/environments`,
      );
      const production = page.getByLabel('environment production');
      await expectVisible(production, 'the production lane');
      await production.getByRole('button', { name: /Roll back/ }).click();
      const version = page.getByRole('menuitem').first();
      const target = (await version.innerText()).trim();
      await version.click();
      await expectVisible(
        page
          .getByRole('status')
          .filter({ hasText: `Rolling back to ${target}: started deploy run` }),
        'what the rollback started',
      );
      await expectVisible(
        page.getByRole('group', { name: 'deploying to production' }),
        'the production lane deploying the earlier version',
      );
      if (await page.getByRole('group', { name: 'deploying to dev' }).count()) {
        throw new Error('the rollback of production also deploys dev');
      }
      await page.screenshot({
        path: join(artifacts, '26-rollback.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'an owner starts a run with parameters from the CI/CD tab',
    async run({ page, appUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/checkout-web/ci-cd`);
      await page.getByRole('button', { name: 'Start a run' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /checkout-web-ci/ }).check();
      const branch = dialog.getByRole('textbox', { name: /^branch/ });
      await expectVisible(branch, "the pipeline's branch param");
      await branch.fill('release/2026-12');
      await page.screenshot({
        path: join(artifacts, '27-start-run-form.png'),
      });
      const started = page.waitForResponse(
        r =>
          /\/entities\/component\/default\/checkout-web\/runs$/i.test(r.url()) &&
          r.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: 'Start', exact: true }).click();
      const answer = await started;
      if (answer.status() !== 201) {
        throw new Error(`Starting the run answered ${answer.status()}`);
      }
      const body = answer.request().postDataJSON();
      if (body.params?.branch !== 'release/2026-12') {
        throw new Error(`The start request carried ${JSON.stringify(body)}`);
      }
      const { name } = await answer.json();
      await expectVisible(dialog.getByText(name), 'the started run in the dialog');
      await page.screenshot({
        path: join(artifacts, '28-start-run-started.png'),
      });
    },
  },
  {
    name: 'a manual-approval-gate ApprovalTask shows read-only with the command to run',
    async run({ page, appUrl, artifacts }) {
      const card = page.getByLabel('from demo-approvaltask');
      await openUntilVisible(
        page,
        `${appUrl}/catalog/default/component/ledger-service/environments`,
        card,
        'the mirrored ApprovalTask of ledger-service',
      );
      await expectVisible(
        card.getByText(
          /tkn-approvaltask approve ledger-service-deploy-approval -n ledger/,
        ),
        'the tkn-approvaltask command for an approver Slipway cannot act for',
      );
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: join(artifacts, 'approvaltask-read-only.png'),
        fullPage: true,
      });
    },
  },
  {
    name: 'the guest reads payments-api but may not act on it: Rerun is disabled with the reason, and the API answers 403',
    async run({ page, appUrl, backendUrl, artifacts }) {
      await page.goto(`${appUrl}/catalog/default/component/payments-api/ci-cd`);
      const open = page.getByRole('button', { name: /^Open run / }).first();
      await expectVisible(open, 'a payments-api run');
      await open.click();
      const rerun = page.getByRole('button', { name: 'Rerun' });
      await expectVisible(rerun, 'the Rerun button');
      if (await rerun.isEnabled()) {
        throw new Error('Rerun of a payments-api run is enabled for the guest');
      }
      try {
        await page
          .getByText('Only owners of payments-api may rerun its runs')
          .first()
          .waitFor({ state: 'attached', timeout: TIMEOUT });
      } catch {
        throw new Error('Expected the reason Rerun is disabled');
      }
      await page.screenshot({
        path: join(artifacts, '22-not-owner-rerun-disabled.png'),
        fullPage: true,
      });
      const uid = new URL(page.url()).searchParams.get('run');
      // the guest's own token, as the app has it
      const session = await page.evaluate(async url => {
        const res = await fetch(`${url}/api/auth/guest/refresh`, {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
          credentials: 'include',
        });
        return res.json();
      }, backendUrl);
      const token = session?.backstageIdentity?.token;
      if (!token) throw new Error('Could not read the guest token');
      const denied = await fetch(
        `${backendUrl}/api/delivery/runs/${uid}/rerun`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      const body = await denied.json();
      if (
        denied.status !== 403 ||
        !/payments-team/.test(body?.error?.message ?? '')
      ) {
        throw new Error(
          `Expected 403 naming the owner for the guest's rerun of ${uid}, got ${
            denied.status
          } ${JSON.stringify(body)}`,
        );
      }
      await page.getByRole('button', { name: 'Close run details' }).click();

      await page.goto(`${appUrl}/catalog/default/component/checkout-web/ci-cd`);
      const own = page.getByRole('button', { name: /^Open run / }).first();
      await expectVisible(own, 'a checkout-web run');
      await own.click();
      const ownRerun = page.getByRole('button', { name: 'Rerun' });
      await expectVisible(ownRerun, 'the Rerun button of checkout-web');
      const deadline = Date.now() + TIMEOUT;
      while (!(await ownRerun.isEnabled())) {
        if (Date.now() > deadline) {
          throw new Error(
            'Rerun of a checkout-web run stays disabled for its owner',
          );
        }
        await page.waitForTimeout(250);
      }
      await page.screenshot({
        path: join(artifacts, '23-owner-rerun-enabled.png'),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Close run details' }).click();
    },
  },
  {
    name: 'the runs API refuses a caller without credentials',
    async run({ backendUrl }) {
      const res = await fetch(
        `${backendUrl}/api/delivery/entities/component/default/payments-api/runs`,
      );
      if (res.status !== 401) {
        throw new Error(`Expected 401 without credentials, got ${res.status}`);
      }
    },
  },
  {
    name: 'the Create page lists the ML project and service templates',
    async run({ page, appUrl, artifacts }) {
      await openUntilVisible(
        page,
        `${appUrl}/create`,
        page.getByText('ML project (Tekton + KServe)'),
        'the ML project template on the Create page',
      );
      await expectVisible(
        page.getByText('Service (Tekton)'),
        'the service template on the Create page',
      );
      await page.screenshot({
        path: join(artifacts, '20-create-page.png'),
        fullPage: true,
      });
    },
  },
  {
    name: "the ML project template's form renders its fields and steps",
    async run({ page, appUrl, artifacts }) {
      await openUntilVisible(
        page,
        `${appUrl}/create/templates/default/ml-project`,
        page.getByRole('textbox', { name: /Name/ }),
        'the Name field of the ML project form',
      );
      await expectVisible(
        page.getByRole('textbox', { name: /Description/ }),
        'the Description field',
      );
      for (const step of ['The model', 'Training and promotion', 'Delivery']) {
        await expectVisible(
          page.getByText(step, { exact: true }),
          `the "${step}" step`,
        );
      }
      await page.getByRole('textbox', { name: /Name/ }).fill('churn-model');
      await page.screenshot({
        path: join(artifacts, '21-ml-template-form.png'),
        fullPage: true,
      });
    },
  },
];
