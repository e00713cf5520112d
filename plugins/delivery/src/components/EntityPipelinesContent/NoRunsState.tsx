import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_KUBERNETES_ID,
  DELIVERY_ENTITY_ANNOTATIONS,
} from '@slipway/plugin-delivery-common';
import { isDeliveryAvailable } from '../../isDeliveryAvailable';

const START_NEEDS_A_RUN =
  'Start a run needs a pipeline this component has run before: once a run of it appears here, it can be started again from this tab.';

function setupSnippet(id: string) {
  return `# app-config.yaml: the clusters Slipway (and the Kubernetes plugin) read
kubernetes:
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: my-cluster
          url: https://kubernetes.example.com:6443
          authProvider: serviceAccount
          serviceAccountToken: \${K8S_TOKEN}

# on each PipelineRun of this component (e.g. in its TriggerTemplate)
metadata:
  labels:
    ${ANNOTATION_KUBERNETES_ID}: ${id}`;
}

/**
 * What to show when an entity has no runs: which annotation to add, or where runs come from and
 * how to configure it, with a snippet to copy.
 */
export function NoRunsState(props: { entity: Entity }) {
  if (!isDeliveryAvailable(props.entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={[...DELIVERY_ENTITY_ANNOTATIONS]}
        readMoreUrl="https://backstage.io/docs/features/kubernetes/configuration#surfacing-your-kubernetes-components-as-part-of-an-entity"
      />
    );
  }
  const annotations = props.entity.metadata.annotations ?? {};
  const slug = annotations[ANNOTATION_GITHUB_PROJECT_SLUG];
  if (slug && !annotations[ANNOTATION_KUBERNETES_ID]) {
    return (
      <EmptyState
        missing="data"
        title="No pipeline runs yet"
        description={`GitHub Actions runs of ${slug} appear here once the GitHub Actions module reads them. Check that it is installed and integrations.github has a token or GitHub App for the repository's host. ${START_NEEDS_A_RUN}`}
      />
    );
  }
  const id =
    annotations[ANNOTATION_KUBERNETES_ID] ?? props.entity.metadata.name;
  return (
    <EmptyState
      missing="data"
      title="No pipeline runs yet"
      description={`Runs labelled ${ANNOTATION_KUBERNETES_ID}=${id} appear here once a pipeline provider reports them. Check that the Tekton module is installed and its cluster is listed under kubernetes.clusterLocatorMethods. ${START_NEEDS_A_RUN}`}
      action={
        <Box maxWidth={640}>
          <Typography variant="body2" paragraph>
            Configuration to copy:
          </Typography>
          <CodeSnippet
            text={setupSnippet(id)}
            language="yaml"
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}
