import { CompoundEntityRef } from '@backstage/catalog-model';
import { CodeSnippet } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';

/**
 * A `curl` upload of a scanner report for the entity, as the `slipway-upload-findings` task does.
 */
export function uploadExample(
  baseUrl: string,
  entity: CompoundEntityRef,
): string {
  const path = [
    entity.kind.toLocaleLowerCase('en-US'),
    entity.namespace,
    entity.name,
  ]
    .map(encodeURIComponent)
    .join('/');
  const url = `${baseUrl.replace(/\/$/, '')}/api/delivery/entities/${path}`;
  return [
    'curl --fail-with-body -X POST \\',
    '  -H "Authorization: Bearer $SLIPWAY_TOKEN" \\',
    '  -H "Content-Type: application/octet-stream" \\',
    '  --data-binary @reports/trivy.json \\',
    `  "${url}/findings?tool=trivy"`,
  ].join('\n');
}

/**
 * Where findings come from: the Tekton task, or any upload to the findings endpoint, with a
 * copyable example for the entity.
 */
export function NoFindingsHelp(props: { entity: CompoundEntityRef }) {
  const config = useApi(configApiRef);
  const baseUrl =
    config.getOptionalString('backend.baseUrl') ??
    'https://backstage.example.com';
  return (
    <>
      <Typography variant="body2" paragraph>
        Pipelines upload their scanners&apos; reports (SARIF, Trivy, Grype,
        OSV-Scanner, pip-audit, npm audit, Bandit or CycloneDX) with the{' '}
        <code>slipway-upload-findings</code> Tekton task, or to{' '}
        <code>
          POST
          /api/delivery/entities/&lt;kind&gt;/&lt;namespace&gt;/&lt;name&gt;/findings
        </code>{' '}
        with a token allowed <code>delivery.finding.create</code>. For this
        entity:
      </Typography>
      <CodeSnippet
        text={uploadExample(baseUrl, props.entity)}
        language="bash"
        showCopyCodeButton
      />
    </>
  );
}
