import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Finding } from '@slipway/plugin-delivery-common';
import { formatDateTime, suppressionReasonLabel } from './findingFormat';

/**
 * The long form of a finding, shown when its row is expanded: description, references,
 * what was scanned and any suppression's reason and comment. References come from uploaded
 * reports, so only http(s) ones become links (a report cannot plant a `javascript:` URL).
 */
export function FindingDetails(props: { finding: Finding }) {
  const { finding } = props;
  const { suppression } = finding;
  return (
    <Box mt={1} data-testid={`finding-details-${finding.id}`}>
      <Typography
        variant="body2"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        paragraph
      >
        {finding.description || 'No description in the report.'}
      </Typography>
      {finding.references && finding.references.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h4">
            References
          </Typography>
          <ul style={{ marginTop: 0 }}>
            {finding.references.map(url => (
              <li key={url} style={{ overflowWrap: 'anywhere' }}>
                {/^https?:\/\//i.test(url) ? (
                  <Link to={url} externalLinkIcon>
                    {url}
                  </Link>
                ) : (
                  url
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        Target {finding.target} · {finding.tool}
        {finding.toolVersion ? ` ${finding.toolVersion}` : ''} · last seen{' '}
        {formatDateTime(finding.lastSeenAt)}
        {finding.fixedAt ? ` · fixed ${formatDateTime(finding.fixedAt)}` : ''}
      </Typography>
      {suppression && (
        <Typography variant="caption" color="textSecondary" component="div">
          Suppressed
          {suppression.source === 'report' ? ' in the report' : ''}:{' '}
          {suppressionReasonLabel(suppression.reason)}
          {suppression.comment ? ` — “${suppression.comment}”` : ''}
          {suppression.author ? ` (${suppression.author})` : ''}
        </Typography>
      )}
    </Box>
  );
}
