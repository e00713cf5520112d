import {
  deliveryFindingCreatePermission,
  FINDING_SEVERITIES,
  FindingsUploadResult,
} from '@slipway/plugin-delivery-common';
import express, { Router } from 'express';
import { decodeReport, parseReport } from '../../findings/decodeReport';
import { entityRefFromParams } from '../entityRefFromParams';
import { authorize } from './authorize';
import {
  FindingRouteDeps,
  gatePolicyFor,
  verdictFor,
} from './FindingRouteDeps';
import { parseUploadQuery } from './findingsQueries';

const zero = () =>
  Object.fromEntries(
    FINDING_SEVERITIES.map(s => [s, 0]),
  ) as FindingsUploadResult['counts'];

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
  router.post(
    '/entities/:kind/:namespace/:name/findings',
    express.raw({ type: () => true, limit: config.maxUploadBytes * 2 }),
    async (req, res) => {
      await authorize(deps, req, deliveryFindingCreatePermission);
      const entityRef = entityRefFromParams(req.params);
      const query = parseUploadQuery(req.query);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const report = parseReport(
        decodeReport(body, config.maxUploadBytes),
        deps.parsers(),
        {
          defaultTarget: query.target,
        },
      );
      const now = new Date();
      // An unknown entity is refused before anything is stored.
      const policy = await gatePolicyFor(deps, entityRef);
      const tool = query.tool ?? report.tool;
      const event = await deps.auditor.createEvent({
        eventId: 'findings-upload',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, tool, runUid: query.runUid },
      });
      try {
        const outcome = await deps.findings.recordScan({
          entityRef,
          tool,
          runUid: query.runUid,
          report,
          now,
        });
        const counts = zero();
        report.findings.forEach(f => counts[f.severity]++);
        const result: FindingsUploadResult = {
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
            ...new Set([
              ...report.targets,
              ...report.findings.map(f => f.target),
            ]),
          ],
          counts,
          new: outcome.new,
          fixed: outcome.fixed,
          reopened: outcome.reopened,
          suppressedInReport: outcome.suppressedInReport,
          gate: await verdictFor(deps, entityRef, policy, now),
        };
        await event.success({
          meta: {
            scanId: outcome.scanId,
            new: outcome.new,
            fixed: outcome.fixed,
          },
        });
        res.status(201).json(result);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );
}
