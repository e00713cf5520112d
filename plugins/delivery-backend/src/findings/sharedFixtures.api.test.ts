import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';

/*
 * Every report in ../shared/fixtures/security uploaded through the API, each to its own entity.
 * Counts were read from the files (see the parser tests for each derivation): e.g. grype 0.7.0's
 * 327 matches are 5 Critical, 24 High, 155 Medium, 27 Low and 116 Negligible/Unknown (info).
 */

jest.setTimeout(120_000);

const dir = path.resolve(__dirname, '../../../../../shared/fixtures/security');
const present = fs.existsSync(dir);
if (!present) {
  console.info(
    `Shared security fixtures are absent (${dir}); skipping the upload-every-fixture test.`,
  );
}
const describeFixtures = present ? describe : describe.skip;

type Counts = Partial<
  Record<'critical' | 'high' | 'medium' | 'low' | 'info', number>
>;
type Expectation =
  | { status: 201; counts: Counts; complete?: boolean; suppressed?: number }
  | { status: 400; message: RegExp };

const EXPECTED: Record<string, Expectation> = {
  'trivy-image-alpine-310.json': { status: 201, counts: { medium: 4 } },
  'trivy-LEGACY-array-pre-0.20.json': {
    status: 201,
    counts: { medium: 6, low: 2 },
  },
  'trivy-repo-secrets.json': { status: 201, counts: { critical: 1, high: 1 } },
  'trivy-license-scan.json': {
    status: 201,
    counts: { high: 7, medium: 1, low: 11 },
  },
  'trivy-k8s-cluster-report.json': {
    status: 201,
    counts: { medium: 6, low: 14 },
  },
  'grype-many-vulns.json': {
    status: 201,
    counts: { critical: 5, high: 24, medium: 155, low: 27, info: 116 },
  },
  'grype-no-vulns.json': { status: 201, counts: {} },
  'osv-scanner-many.json': {
    status: 201,
    counts: { critical: 5, high: 18, medium: 14 },
  },
  'osv-scanner-empty.json': { status: 201, counts: {} },
  'pip-audit-old-list-format.json': { status: 201, counts: { medium: 7 } },
  'pip-audit-new-format.json': { status: 201, counts: { medium: 7 } },
  'npm-audit-v7-allowlisted-path.json': {
    status: 201,
    counts: { high: 4, medium: 1 },
  },
  'npm-audit-v6-legacy.json': { status: 201, counts: { high: 1 } },
  'bandit-json-one.json': { status: 201, counts: { low: 1 } },
  'cyclonedx-1.4-grype-log4j.json': {
    status: 201,
    counts: { critical: 4, high: 1, medium: 3 },
  },
  'cyclonedx-vex-cisa-case2.json': {
    status: 201,
    counts: { info: 19 },
    suppressed: 19,
  },
  'sarif-MALFORMED-syntax-error.sarif': {
    status: 400,
    message: /not valid JSON/,
  },
  'sarif-v1.0.0-basic.sarif': {
    status: 400,
    message: /SARIF 1\.0\.0 is not supported/,
  },
  'sarif-exceptional-catastrophic-execution-error.sarif': {
    status: 201,
    counts: {},
    complete: false,
  },
  'sarif-exceptional-one-run-no-results.sarif': {
    status: 201,
    counts: {},
    complete: false,
  },
  'sarif-exceptional-one-run-empty-results.sarif': {
    status: 201,
    counts: {},
    complete: true,
  },
  'semgrep-json-many.json': { status: 400, message: /Unknown report format/ },
  'gitleaks-8-json.json': { status: 400, message: /Unknown report format/ },
  'eslint-json.json': { status: 400, message: /Unknown report format/ },
};

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

/** What any upload must answer: stored (201) or refused with a 400 that stored nothing. */
function acceptable(status: number) {
  return status === 201
    ? expect.objectContaining({ status: 201, storedAtMostReported: true })
    : expect.objectContaining({ status: 400, stored: 0 });
}

/** What an upload of a file whose counts were read by hand must answer. */
function expected(want: Expectation) {
  if (want.status === 400) {
    return expect.objectContaining({
      status: 400,
      stored: 0,
      message: expect.stringMatching(want.message),
    });
  }
  return expect.objectContaining({
    status: 201,
    counts: { ...zero, ...want.counts },
    ...(want.complete === undefined ? {} : { complete: want.complete }),
    ...(want.suppressed === undefined ? {} : { suppressed: want.suppressed }),
  });
}
const entityName = (file: string) =>
  file
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/-$/, '');

describeFixtures('uploading every shared security fixture', () => {
  it('stores what each file holds, and rejects the malformed and unsupported ones without storing anything', async () => {
    const files = fs.readdirSync(dir).filter(f => /\.(json|sarif)$/.test(f));
    const { server } = await startTestBackend({
      features: [
        deliveryPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        catalogServiceMock.factory({
          entities: files.map(f => ({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: entityName(f), namespace: 'default' },
            spec: {},
          })),
        }),
      ],
    });
    const observed: Record<string, object> = {};
    for (const file of files) {
      const entityPath = `/api/delivery/entities/component/default/${entityName(
        file,
      )}`;
      const res = await request(server)
        .post(`${entityPath}/findings`)
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/octet-stream')
        .send(fs.readFileSync(path.join(dir, file)));
      const listed = await request(server)
        .get(`${entityPath}/findings?limit=500&status=open,reopened`)
        .set('Authorization', mockCredentials.user.header());
      observed[file] =
        res.status === 201
          ? {
              status: 201,
              counts: res.body.counts,
              complete: res.body.complete,
              suppressed: res.body.suppressedInReport,
              storedAtMostReported:
                listed.body.items.length <=
                Object.values(res.body.counts as Record<string, number>).reduce(
                  (a, b) => a + b,
                  0,
                ),
            }
          : {
              status: res.status,
              message: res.body.error?.message,
              stored: listed.body.items.length,
            };
    }

    // Every file is either stored or refused with a 4xx that stores nothing.
    expect(observed).toEqual(
      Object.fromEntries(
        files.map(f => [
          f,
          acceptable((observed[f] as { status: number }).status),
        ]),
      ),
    );
    // The files whose counts were read by hand give exactly those counts.
    expect(
      Object.fromEntries(Object.keys(EXPECTED).map(f => [f, observed[f]])),
    ).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED).map(([f, want]) => [f, expected(want)]),
      ),
    );
  });
});
