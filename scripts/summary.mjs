// Reads Jest's JSON report and the e2e results, prints what ran on which database, and closes
// with the line `N passed, N failed` (Jest's own summary is not what CI reads).
import { existsSync, readFileSync } from 'node:fs';

const [jestFile, e2eFile, stepFailures = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(stepFailures);
let skipped = 0;

if (existsSync(jestFile)) {
  const jest = JSON.parse(readFileSync(jestFile, 'utf8'));
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  skipped += jest.numPendingTests + jest.numTodoTests;
  const perDb = {};
  for (const suite of jest.testResults) {
    for (const test of suite.assertionResults) {
      const db = /\b(SQLITE_3|POSTGRES_\d+)\b/.exec(test.fullName)?.[1];
      if (db) {
        perDb[db] ??= { passed: 0, failed: 0, skipped: 0 };
        if (test.status === 'passed') perDb[db].passed++;
        else if (test.status === 'failed') perDb[db].failed++;
        else perDb[db].skipped++;
      }
    }
  }
  for (const [db, counts] of Object.entries(perDb)) {
    console.log(
      `database tests on ${db}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
  }
  if (
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING &&
    !perDb.POSTGRES_15?.passed
  ) {
    console.log('PostgreSQL was configured but no test ran on POSTGRES_15');
    failed++;
  }
} else {
  console.log(`No Jest report at ${jestFile}`);
  failed++;
}

if (e2eFile) {
  if (existsSync(e2eFile)) {
    const e2e = JSON.parse(readFileSync(e2eFile, 'utf8'));
    console.log(`browser tests: ${e2e.passed} passed, ${e2e.failed} failed`);
    passed += e2e.passed;
    failed += e2e.failed;
  } else {
    console.log(`No browser test results at ${e2eFile}`);
    failed++;
  }
}

if (skipped > 0) {
  console.log(
    `${skipped} tests skipped (shared-fixture tests skip where ../shared/fixtures is absent)`,
  );
}
console.log(
  `${passed} passed, ${failed} failed${
    skipped > 0 ? `, ${skipped} skipped` : ''
  }`,
);
