import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@slipway/plugin-delivery-common';
import { LabelSelector, parseLabelSelector } from './labelSelector';

/** What the mapper looks at on a run. */
export interface MappableRun {
  kubernetesId?: string;
  namespace?: string;
  labels?: Record<string, string>;
}

interface SelectorClaim {
  entityRef: string;
  selector: LabelSelector;
  namespace?: string;
}

/**
 * Maps runs to catalog entities, as the Kubernetes and community Tekton plugins do: the run's
 * `backstage.io/kubernetes-id` label equals the entity's annotation, or the run's labels match the
 * entity's `backstage.io/kubernetes-label-selector` (within `backstage.io/kubernetes-namespace`
 * when set). The index is rebuilt from the catalog by {@link EntityRunMapper.refresh}.
 */
export class EntityRunMapper {
  #byKubernetesId = new Map<string, string>();
  #selectors: SelectorClaim[] = [];

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  /** Rebuilds the index from the catalog's annotated entities. */
  async refresh(): Promise<void> {
    const { items } = await this.catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    this.index(items);
  }

  /** Replaces the index with these entities (what refresh does with the catalog's answer). */
  index(entities: Entity[]): void {
    const byId = new Map<string, string>();
    const selectors: SelectorClaim[] = [];
    for (const entity of entities) {
      const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      const annotations = entity.metadata.annotations ?? {};
      const id = annotations[ANNOTATION_KUBERNETES_ID];
      if (id) {
        if (byId.has(id) && byId.get(id) !== entityRef) {
          this.logger.warn(
            `Both ${byId.get(
              id,
            )} and ${entityRef} claim ${ANNOTATION_KUBERNETES_ID}=${id}; runs go to the first`,
          );
        } else {
          byId.set(id, entityRef);
        }
      }
      const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
      if (selector) {
        try {
          selectors.push({
            entityRef,
            selector: parseLabelSelector(selector),
            namespace: annotations[ANNOTATION_KUBERNETES_NAMESPACE],
          });
        } catch (error) {
          this.logger.warn(
            `Ignoring the label selector of ${entityRef}: ${error}`,
          );
        }
      }
    }
    this.#byKubernetesId = byId;
    this.#selectors = selectors;
  }

  /** The entity a run belongs to, if any. */
  resolve(run: MappableRun): string | undefined {
    const byId = run.kubernetesId && this.#byKubernetesId.get(run.kubernetesId);
    if (byId) {
      return byId;
    }
    const claim = this.#selectors.find(
      c =>
        (!c.namespace || c.namespace === run.namespace) &&
        c.selector.matches(run.labels),
    );
    return claim?.entityRef;
  }

  /** kubernetes-id → entity ref, for re-attaching stored runs in bulk. */
  kubernetesIds(): ReadonlyMap<string, string> {
    return this.#byKubernetesId;
  }

  hasSelectors(): boolean {
    return this.#selectors.length > 0;
  }
}
