import {
  BackstageCredentials,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { PIPELINE_TOKEN_SUBJECT_PREFIX } from '@slipway/plugin-delivery-node';

/** The principal of a pipeline token Slipway issued: `external:slipway-pipeline:<entity ref>`. */
const PIPELINE_SUBJECT = `external:${PIPELINE_TOKEN_SUBJECT_PREFIX}:`;

const normalise = (ref: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'component' }),
  ).toLocaleLowerCase('en-US');

/**
 * The entities each service principal may act on (`delivery.servicePrincipals`). Backstage's
 * permission framework never asks the policy about service principals (only their access
 * restrictions apply), so scoping a pipeline's token to its own entities is done here: a
 * listed subject reaches only its entities — any other is answered as if it did not exist —
 * while an unlisted subject (another backend plugin, a token not listed) is not restricted.
 */
export class ServiceScopes {
  readonly #scopes: Map<string, Set<string>>;

  static fromConfig(config: RootConfigService): ServiceScopes {
    const entries =
      config.getOptionalConfigArray('delivery.servicePrincipals') ?? [];
    return new ServiceScopes(
      entries.map(e => ({
        subject: e.getString('subject'),
        entityRefs: e.getStringArray('entityRefs'),
      })),
    );
  }

  constructor(scopes: Array<{ subject: string; entityRefs: string[] }>) {
    this.#scopes = new Map();
    for (const { subject, entityRefs } of scopes) {
      const set = this.#scopes.get(subject) ?? new Set<string>();
      entityRefs.forEach(ref => set.add(normalise(ref)));
      this.#scopes.set(subject, set);
    }
  }

  /** The subject of a service principal, or undefined for users and anonymous callers. */
  static subjectOf(credentials: BackstageCredentials): string | undefined {
    const principal = credentials.principal as {
      type?: string;
      subject?: string;
    };
    return principal.type === 'service' ? principal.subject : undefined;
  }

  /**
   * True when the caller is not a restricted service, or the entity is in its scope. A pipeline
   * token Slipway issued is scoped to the one entity its subject names.
   */
  allows(credentials: BackstageCredentials, entityRef: string): boolean {
    const subject = ServiceScopes.subjectOf(credentials);
    const wanted = entityRef.toLocaleLowerCase('en-US');
    if (subject?.startsWith(PIPELINE_SUBJECT)) {
      return (
        subject.slice(PIPELINE_SUBJECT.length).toLocaleLowerCase('en-US') ===
        wanted
      );
    }
    const scope = subject === undefined ? undefined : this.#scopes.get(subject);
    return !scope || scope.has(wanted);
  }
}
