import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { ExternalApprovalInfo as Info } from '@slipway/plugin-delivery-common';

const ANSWERS: Record<string, string> = {
  approve: '✔',
  reject: '✘',
  pending: '○',
};

/**
 * Where a mirrored request comes from (e.g. a manual-approval-gate ApprovalTask), its approvers
 * in that system's names with their answers, and — when Slipway cannot decide for the viewer —
 * the commands that decide it there.
 */
export function ExternalApprovalInfo(props: {
  external: Info;
  showCommands: boolean;
}) {
  const { external, showCommands } = props;
  return (
    <Box mt={1} aria-label={`from ${external.source}`}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 6 }}
      >
        <Chip size="small" variant="outlined" label={external.source} />
        <Typography variant="caption" color="textSecondary">
          {external.key}
        </Typography>
      </Box>
      <Typography variant="body2">
        Approvers:{' '}
        {external.approvers
          .map(
            a =>
              `${ANSWERS[a.input]} ${
                a.type === 'group' ? `group ${a.name}` : a.name
              }${
                a.members?.length
                  ? ` (${a.members
                      .map(m => `${ANSWERS[m.input]} ${m.name}`)
                      .join(', ')})`
                  : ''
              }`,
          )
          .join(' · ') || 'none listed'}
      </Typography>
      {showCommands && (
        <Box mt={1}>
          <CodeSnippet
            language="bash"
            text={`${external.commands.approve} -m "<comment>"\n${external.commands.reject} -m "<comment>"`}
            showCopyCodeButton
          />
        </Box>
      )}
    </Box>
  );
}
