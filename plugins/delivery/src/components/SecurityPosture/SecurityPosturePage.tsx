import { Content, Header, Page } from '@backstage/core-components';
import { SecurityPostureView } from './SecurityPostureView';

/**
 * The "Security posture" page: every team with its components' open findings by severity,
 * overdue findings and open secrets, most critical first.
 *
 * @public
 */
export function SecurityPosturePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Security posture"
        subtitle="Open findings of each team's components, from pipeline scans"
      />
      <Content>
        <SecurityPostureView />
      </Content>
    </Page>
  );
}
