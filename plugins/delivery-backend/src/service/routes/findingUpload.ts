import {
  deliveryFindingCreatePermission,
  FINDING_SEVERITIES,
  FindingsUploadResult,
} from '@slipway/plugin-delivery-common';
import { ParsedReport } from '@slipway/plugin-delivery-node';
import { Entity } from '@backstage/catalog-model';
import express, { Router } from 'express';
import { ScanOutcome } from '../../findings/FindingsStore';
import { decodeReport, parseReport } from '../../findings/decodeReport';
import { entityRefFromParams } from '../entityRefFromParams';
import { entityGatePolicy } from '../../findings/findingsConfig';
import { boundReport } from '../../findings/boundReport';
import { auditedAction, requireCaller } from './guard';
import { principalRef } from './principalRef';
import { scanAuthority } from '../../findings/scanAuthority';
import {
  CatalogApprovers,
  OWNERS,
} from '../../approvals/policy/resolveApprovers';
import { FindingRouteDeps, verdictFor } from './FindingRouteDeps';
import { parseUploadQuery } from './findingsQueries';

const zero = () =>
  Object.fromEntries(
    FINDING_SEVERITIES.map(s => [s, 0]),
  ) as FindingsUploadResult['counts'];

/** The answer of an upload: what the report held, what changed, the gate now. */
function uploadResult(
  report: ParsedReport,
  tool: string,
  outcome: ScanOutcome,
  extra: Pick<FindingsUploadResult, 'gate'>,
): FindingsUploadResult {
  const counts = zero();
  report.findings.forEach(f => counts[f.severity]++);
  return {
    scanId: outcome.scanId,
    tool,
    format: report.format,
    complete: report.complete,
    incompleteReason: report.complete
      ? undefined
      : `${
          report.incompleteReason ?? 'the scan did not complete'
        }; no finding was marked fixed`,
    targets: [
      ...new Set([...report.targets, ...report.findings.map(f => f.target)]),
    ],
    counts,
    new: outcome.new,
    fixed: outcome.fixed,
    reopened: outcome.reopened,
    suppressedInReport: outcome.suppressedInReport,
    gate: extra.gate,
  };
}

/**
 * `POST /entities/:kind/:namespace/:name/findings`: one report, one transaction. It reads the raw
 * body itself (gzip or not, within the configured size), so it is registered before any JSON
 * body parser.
 */
export function registerFindingUploadRoute(
  router: Router,
  deps: FindingRouteDeps,
) {
  const config = deps.findingsConfig;
  const approvers = new CatalogApprovers(deps.catalog, () =>
    deps.auth.getOwnServiceCredentials(),
  );
  const authorityDeps = {
    getRun: (uid: string) => deps.store.getRun(uid),
    ownersOf: (entity: Entity) =>
      approvers.resolve([OWNERS], String(entity.spec?.owner ?? '')),
  };
  router.post(
    '/entities/:kind/:namespace/:name/findings',
    requireCaller(deps, 'findings-upload'),
    express.raw({ type: () => true, limit: config.maxUploadBytes * 2 }),
    async (req, res) => {
      const result = await auditedAction(
        deps,
        req,
        { eventId: 'findings-upload', meta: { path: req.path } },
        async credentials => {
          const entityRef = entityRefFromParams(req.params);
          const entity = await deps.access.require(
            credentials,
            entityRef,
            deliveryFindingCreatePermission,
          );
          const query = parseUploadQuery(req.query);
          const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const report = boundReport(
            parseReport(
              decodeReport(body, config.maxUploadBytes),
              deps.parsers(),
              { defaultTarget: query.target },
            ),
          );
          const now = new Date();
          const policy = entityGatePolicy(
            config.gate,
            entity.metadata.annotations,
          );
          const tool = query.tool ?? report.tool;
          const authority = await scanAuthority(authorityDeps, {
            entity,
            entityRef,
            runUid: query.runUid,
            credentials,
          });
          const outcome = await deps.findings.recordScan({
            entityRef,
            tool,
            runUid: query.runUid,
            report,
            now,
            uploadedBy: principalRef(credentials),
            closes: authority.closes,
          });
          const answer = uploadResult(report, tool, outcome, {
            gate: await verdictFor(deps, entityRef, policy, now),
          });
          return {
            result:
              report.complete && !authority.closes
                ? { ...answer, notClosingReason: authority.reason }
                : answer,
            changed: {
              entityRef,
              tool,
              runUid: query.runUid ?? null,
              scanId: outcome.scanId,
              new: outcome.new,
              fixed: outcome.fixed,
            },
          };
        },
      );
      res.status(201).json(result);
    },
  );
}
