import { Progress } from '@backstage/core-components';
import { SecurityPostureView } from './SecurityPostureView';
import { useContextGroupRef } from './useContextGroupRef';

/**
 * Props of {@link SecurityPostureContent}.
 *
 * @public
 */
export interface SecurityPostureContentProps {
  /**
   * Entity ref of the owner to show, e.g. `group:default/payments-team`. When left out, the
   * group of the entity page it is on, or every team outside a group's page.
   */
  owner?: string;
}

/**
 * The security posture table without a page around it, e.g. for a tab of a group's entity
 * page: open findings by severity, overdue findings and open secrets of the owner's
 * components (of every team when there is no owner).
 *
 * @public
 */
export function SecurityPostureContent(props: SecurityPostureContentProps) {
  const context = useContextGroupRef();
  const owner = props.owner ?? context.groupRef;
  if (!props.owner && context.loading) {
    return <Progress />;
  }
  return <SecurityPostureView owner={owner} />;
}
