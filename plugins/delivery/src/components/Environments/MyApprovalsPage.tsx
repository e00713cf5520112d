import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';
import { ApprovalRequestCard } from './ApprovalRequestCard';

/** The inbox: pending promotions the signed-in user may still decide, newest first. */
export function MyApprovalsContent() {
  const api = useApi(deliveryApiRef);
  const inbox = useAsyncRetry(
    () => api.listApprovals({ mine: true, state: ['pending'], limit: 50 }),
    [api],
  );
  if (inbox.loading && !inbox.value) return <Progress />;
  if (inbox.error) return <ResponseErrorPanel error={inbox.error} />;
  const items = inbox.value?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="Nothing waits for your approval"
        description="Promotions you may approve appear here: the catalog's environment policies name you, directly or through a team."
      />
    );
  }
  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 12 }}
      maxWidth={900}
    >
      <Typography variant="body2" color="textSecondary">
        {items.length} promotion{items.length === 1 ? '' : 's'} waiting for you
      </Typography>
      {items.map(request => (
        <ApprovalRequestCard
          key={request.id}
          request={request}
          showEntity
          onDecided={inbox.retry}
        />
      ))}
    </Box>
  );
}

/**
 * Page: "My approvals", the signed-in user's inbox of promotions to decide.
 *
 * @public
 */
export function MyApprovalsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="My approvals"
        subtitle="Promotions waiting for your decision"
      />
      <Content>
        <ContentHeader title="Waiting for you">
          <SupportButton>
            Who may approve comes from the catalog: each environment's
            spec.approval rules.
          </SupportButton>
        </ContentHeader>
        <MyApprovalsContent />
      </Content>
    </Page>
  );
}
