import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { NoFindingsHelp } from './NoFindingsHelp';

/** The Security tab of an entity no report has produced a finding for yet. */
export function NoFindingsState() {
  const { entity } = useEntity();
  return (
    <EmptyState
      missing="data"
      title="No security findings reported yet"
      description="Findings appear here once a pipeline uploads a scanner report for this entity."
      action={
        <Box maxWidth={760}>
          <NoFindingsHelp entity={getCompoundEntityRef(entity)} />
        </Box>
      }
    />
  );
}
