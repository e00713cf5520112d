import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ANNOTATION_ENVIRONMENTS } from '@slipway/plugin-delivery-common';

const COMPONENT_YAML = `metadata:
  annotations:
    ${ANNOTATION_ENVIRONMENTS}: dev, staging, production`;

const ENVIRONMENT_YAML = `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: production
  annotations:
    slipway.dev/environment-tier: production
spec:
  type: environment
  owner: release-managers
  approval:
    rules:
      - { name: Release managers, approvals: 2, from: [group:default/release-managers] }
      - { name: Owners, approvals: 1, from: [owners] }
    requestExpiresAfter: PT24H
    waitAfterPrevious: PT1H
    gates: { securityGate: true }`;

/** The Environments tab of a component that lists no environments. */
export function NoEnvironmentsState() {
  return (
    <EmptyState
      missing="field"
      title="No environments listed for this component"
      description={`List the component's environments, in promotion order, in the ${ANNOTATION_ENVIRONMENTS} annotation. Each is a catalog Resource of type environment whose spec.approval says who approves promotions to it.`}
      action={
        <Box maxWidth={760}>
          <Typography variant="subtitle2">
            catalog-info.yaml of the component
          </Typography>
          <CodeSnippet language="yaml" text={COMPONENT_YAML} />
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            An environment entity
          </Typography>
          <CodeSnippet language="yaml" text={ENVIRONMENT_YAML} />
        </Box>
      }
    />
  );
}
