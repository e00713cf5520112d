import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  FINDING_SEVERITIES,
  SecurityGateVerdict,
} from '@slipway/plugin-delivery-common';
import { FindingsTrendSparkline } from './FindingsTrendSparkline';
import { NoFindingsHelp } from './NoFindingsHelp';
import { SeverityChip } from './SeverityChip';
import {
  SecurityOverview,
  TREND_DAYS,
  useSecurityOverview,
} from './useSecurityOverview';

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function GateVerdict(props: { gate: SecurityGateVerdict }) {
  const { gate } = props;
  const overdue = sum(gate.overdue);
  const overdueBySeverity = FINDING_SEVERITIES.filter(s => gate.overdue[s] > 0)
    .map(s => `${gate.overdue[s]} ${s}`)
    .join(', ');
  return (
    <>
      <Typography variant="h6" component="p">
        {gate.passed ? (
          <StatusOK>Security gate passed</StatusOK>
        ) : (
          <StatusError>Security gate failed</StatusError>
        )}
      </Typography>
      {gate.reasons.length > 0 && (
        <ul aria-label="Gate failures" style={{ marginTop: 4 }}>
          {gate.reasons.map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </ul>
      )}
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Open findings
      </Typography>
      <Box
        display="flex"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 8 }}
        aria-label="Open findings by severity"
      >
        {FINDING_SEVERITIES.map(s => (
          <SeverityChip
            key={s}
            severity={s}
            count={gate.open[s] ?? 0}
            muted={!gate.open[s]}
          />
        ))}
      </Box>
      <Typography variant="body2">
        Overdue: <strong>{overdue}</strong>
        {overdue > 0 ? ` (${overdueBySeverity})` : ''}
      </Typography>
      <Typography variant="body2">
        Open secrets: <strong>{gate.openSecrets}</strong>
      </Typography>
    </>
  );
}

/**
 * Props of {@link SecuritySummaryCard}.
 *
 * @public
 */
export interface SecuritySummaryCardProps {
  overview: SecurityOverview;
}

/**
 * The "Security" card for an overview already read: the gate verdict with its reasons, open
 * findings by severity, overdue findings, open secrets and, once read, a sparkline of open
 * findings over {@link TREND_DAYS} days; or where findings come from when the entity has none.
 *
 * @public
 */
export function SecuritySummaryCard(props: SecuritySummaryCardProps) {
  const { overview } = props;
  const { entity } = useEntity();
  let body;
  if (overview.error) {
    body = <ResponseErrorPanel error={overview.error} />;
  } else if (!overview.gate) {
    body = <Progress />;
  } else if (overview.hasFindings === false) {
    body = (
      <>
        <Typography variant="subtitle1" gutterBottom>
          No findings reported yet
        </Typography>
        <NoFindingsHelp entity={getCompoundEntityRef(entity)} />
      </>
    );
  } else {
    body = (
      <>
        <GateVerdict gate={overview.gate} />
        <FindingsTrendSparkline points={overview.trend} days={TREND_DAYS} />
      </>
    );
  }
  return <InfoCard title="Security">{body}</InfoCard>;
}

/**
 * Overview card of the current entity's security: gate verdict (passed, or failed with the
 * reasons), open findings by severity, overdue findings, open secrets and their trend.
 *
 * @public
 */
export function EntitySecuritySummaryCard() {
  return <SecuritySummaryCard overview={useSecurityOverview()} />;
}
