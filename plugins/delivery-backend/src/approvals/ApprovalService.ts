import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApprovalRequest,
  CreateApprovalRequest,
} from '@slipway/plugin-delivery-common';
import { randomUUID } from 'node:crypto';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalsStore } from './ApprovalsStore';
import { ExternalApprovals } from './ExternalApprovals';
import { evaluateGates, GateSources } from './gates/evaluateGates';
import { unresolvedReason } from './unresolvedReason';
import { ApprovalProtections } from './upsertExternal';
import { ExternalApprovalRecord } from '@slipway/plugin-delivery-node';

export { unresolvedReason };
import { ApprovalPolicy, NO_APPROVAL_POLICY } from './policy/policySchema';
import { CatalogApprovers } from './policy/resolveApprovers';
import {
  ResolvedEnvironment,
  resolveEnvironments,
} from './policy/resolveEnvironments';

/** A component's environment, the one before it in promotion order, and its policy. */
interface Target {
  component: Entity;
  environment: ResolvedEnvironment;
  previous?: ResolvedEnvironment;
  policy: ApprovalPolicy;
}

/**
 * Approval requests with the catalog deciding who may approve: policies are resolved from the
 * environment and component entities when a request is made, and again at each decision.
 */
export class ApprovalService {
  private readonly approvers: CatalogApprovers;

  constructor(
    private readonly deps: {
      store: ApprovalsStore;
      catalog: CatalogService;
      auth: AuthService;
      gates: GateSources;
      notifier: ApprovalNotifier;
      /** Requests that mirror other systems' approval objects are decided through these. */
      external: ExternalApprovals;
    },
  ) {
    this.approvers = new CatalogApprovers(deps.catalog, () =>
      deps.auth.getOwnServiceCredentials(),
    );
  }

  /** The environments of a component, with their policies (or why they cannot be read). */
  async environmentsOf(entityRef: string): Promise<ResolvedEnvironment[]> {
    return resolveEnvironments(
      this.deps.catalog,
      await this.deps.auth.getOwnServiceCredentials(),
      await this.component(entityRef),
    );
  }

  async create(
    input: CreateApprovalRequest,
    requestedBy: string,
    now: Date,
  ): Promise<{ request: ApprovalRequest; superseded: string[] }> {
    const target = await this.target(input.entityRef, input.environment);
    const { policy } = target;
    const excluded = new Set<string>();
    if (requestedBy.startsWith('user:')) excluded.add(requestedBy);
    let unresolved: string[] = [];
    if (policy.preventSelfApproval) {
      // who triggered and who wrote the change may not approve it: named by the pipeline,
      // matched in the catalog; what matches nobody is kept and shown, never dropped
      const identified = await this.approvers.identify([
        ...(input.triggeredBy ? [input.triggeredBy] : []),
        ...(input.commitAuthors ?? []),
      ]);
      identified.users.forEach(u => excluded.add(u));
      unresolved = identified.unresolved;
    }
    const rules = await this.resolveRules(target, excluded);
    for (const rule of rules) {
      if (rule.eligible.length < rule.required) {
        throw new InputError(
          `Approval rule '${rule.name}' of ${
            target.environment.entityRef
          } needs ${rule.required} approval(s) but only ${
            rule.eligible.length
          } eligible person(s) remain after excluding ${
            [...excluded].join(', ') || 'nobody'
          }`,
        );
      }
    }
    const gates = await evaluateGates(
      this.deps.gates,
      policy,
      { ...input, previousEnvironment: target.previous?.name },
      now,
    );
    const created = await this.deps.store.create({
      ...input,
      entityRef: input.entityRef,
      id: randomUUID(),
      environment: target.environment.name,
      environmentRef: target.environment.entityRef,
      tier: target.environment.tier,
      requestedBy,
      excluded: [...excluded].sort(),
      unresolvedIdentities: unresolved,
      blocksUnresolved:
        unresolved.length > 0 && policy.unresolvedIdentities === 'block',
      rules,
      gates,
      createdAt: now,
      expiresAt: new Date(now.getTime() + policy.requestExpiresAfterMs),
      approvalValidForMs: policy.approvalValidForMs,
    });
    await this.deps.notifier.requested(created.request);
    return created;
  }

  /**
   * Records a user's decision: refuses people excluded from the request (403), people not
   * eligible under any rule now and when the request was made (403), and approvals while a
   * required gate fails (409).
   */
  async decide(
    id: string,
    userRef: string,
    decision: 'approve' | 'reject',
    comment: string,
    now: Date,
  ): Promise<ApprovalRequest> {
    const request = await this.deps.store.get(id, now);
    if (!request) throw new NotFoundError(`No approval request '${id}'`);
    if (request.external) {
      return this.deps.external.decide(request, userRef, decision, comment);
    }
    if (request.state !== 'pending') {
      throw new ConflictError(
        `Approval request '${id}' is ${request.state}; only pending requests take decisions`,
      );
    }
    if (request.excluded.includes(userRef)) {
      throw new NotAllowedError(
        `${userRef} requested, triggered or authored this promotion and cannot decide on it`,
      );
    }
    if (request.blockedByUnresolved) {
      throw new NotAllowedError(unresolvedReason(request));
    }
    const target = await this.target(request.entityRef, request.environment);
    const current = await this.resolveRules(target, new Set(request.excluded));
    const ruleIndexes = request.rules.flatMap((rule, i) =>
      rule.eligible.includes(userRef) &&
      current.find(c => c.name === rule.name)?.eligible.includes(userRef)
        ? [i]
        : [],
    );
    if (ruleIndexes.length === 0) {
      throw new NotAllowedError(
        `${userRef} is not an approver of ${request.environmentRef} for ${
          request.entityRef
        } (rules: ${request.rules.map(r => r.name).join(', ')})`,
      );
    }
    if (decision === 'approve') {
      const gates = await evaluateGates(
        this.deps.gates,
        target.policy,
        { ...request, previousEnvironment: target.previous?.name },
        now,
      );
      const failing = gates.filter(g => !g.passed);
      if (failing.length > 0) {
        throw new ConflictError(
          `Cannot approve while gates fail: ${failing
            .map(g => `${g.name}: ${g.detail}`)
            .join('; ')}`,
        );
      }
    }
    const outcome = await this.deps.store.decide({
      requestId: id,
      userRef,
      decision,
      comment,
      ruleIndexes,
      now,
      approvalValidForMs: target.policy.approvalValidForMs,
    });
    if (outcome.transition) await this.deps.notifier.closed(outcome.request);
    return outcome.request;
  }

  /**
   * The exclusions and gates a mirrored approval object gets, as a Slipway request for the same
   * entity and environment would: its triggerer and commit authors matched in the catalog (what
   * matches nobody blocks under the policy's `unresolvedIdentities`), the policy's gates for its
   * revision. Without a readable policy (no or an unknown environment) it excludes nobody.
   */
  async protectionsFor(
    entityRef: string,
    environment: string | undefined,
    record: ExternalApprovalRecord,
  ): Promise<ApprovalProtections> {
    const none = {
      excluded: [],
      unresolvedIdentities: [],
      blocksUnresolved: false,
      gates: [],
    };
    if (!environment) return none;
    let target: Target;
    try {
      target = await this.target(entityRef, environment);
    } catch {
      return none;
    }
    const identified = target.policy.preventSelfApproval
      ? await this.approvers.identify([
          ...(record.triggeredBy ? [record.triggeredBy] : []),
          ...(record.commitAuthors ?? []),
        ])
      : { users: [], unresolved: [] };
    return {
      excluded: identified.users,
      unresolvedIdentities: identified.unresolved,
      blocksUnresolved:
        identified.unresolved.length > 0 &&
        target.policy.unresolvedIdentities === 'block',
      gates: await evaluateGates(
        this.deps.gates,
        target.policy,
        {
          entityRef,
          revision: record.revision ?? '',
          previousEnvironment: target.previous?.name,
        },
        new Date(),
      ),
    };
  }

  /**
   * A pending request of Slipway's own with its gates evaluated now and stored; one whose
   * environment needs no approver is approved here once its gates pass (it was left pending at
   * creation while they failed). Other requests are answered as they are.
   */
  async refresh(request: ApprovalRequest, now: Date): Promise<ApprovalRequest> {
    if (request.external || request.state !== 'pending') return request;
    const target = await this.target(request.entityRef, request.environment);
    const gates = await evaluateGates(
      this.deps.gates,
      target.policy,
      { ...request, previousEnvironment: target.previous?.name },
      now,
    );
    const changed = JSON.stringify(gates) !== JSON.stringify(request.gates);
    const approvable = request.rules.length === 0 && gates.every(g => g.passed);
    if (!changed && !approvable) return request;
    return this.deps.store.recheckGates(
      request.id,
      gates,
      now,
      target.policy.approvalValidForMs,
    );
  }

  /** Whether this user could decide on the request now, and why not. */
  viewer(request: ApprovalRequest, userRef?: string) {
    if (request.external) {
      return this.deps.external.viewer(request, userRef);
    }
    if (!userRef) return { canDecide: false, reason: 'Only users decide' };
    if (request.state !== 'pending') {
      return { canDecide: false, reason: `The request is ${request.state}` };
    }
    if (request.excluded.includes(userRef)) {
      return {
        canDecide: false,
        reason: 'You requested, triggered or authored this promotion',
      };
    }
    if (request.blockedByUnresolved) {
      return { canDecide: false, reason: unresolvedReason(request) };
    }
    if (request.decisions.some(d => d.userRef === userRef)) {
      return { canDecide: false, reason: 'You have already decided' };
    }
    if (!request.rules.some(r => r.eligible.includes(userRef))) {
      return { canDecide: false, reason: 'You are not among the approvers' };
    }
    return { canDecide: true };
  }

  private async component(entityRef: string): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  }

  private async target(
    entityRef: string,
    environment: string,
  ): Promise<Target> {
    const component = await this.component(entityRef);
    const environments = await resolveEnvironments(
      this.deps.catalog,
      await this.deps.auth.getOwnServiceCredentials(),
      component,
    );
    const index = environments.findIndex(
      e => e.name === environment.toLocaleLowerCase('en-US'),
    );
    if (index < 0) {
      throw new InputError(
        `${entityRef} lists no environment '${environment}' (it lists ${
          environments.map(e => e.name).join(', ') ||
          'none: set the slipway.dev/environments annotation'
        })`,
      );
    }
    const env = environments[index];
    if (env.error)
      throw new InputError(`Invalid environment policy: ${env.error}`);
    return {
      component,
      environment: env,
      previous: index > 0 ? environments[index - 1] : undefined,
      policy: env.policy ?? NO_APPROVAL_POLICY,
    };
  }

  private async resolveRules(target: Target, excluded: Set<string>) {
    const owner = String(target.component.spec?.owner ?? '');
    const rules = [];
    for (const rule of target.policy.rules) {
      const people = await this.approvers.resolve(rule.from, owner);
      rules.push({
        name: rule.name,
        required: rule.approvals,
        eligible: people.filter(p => !excluded.has(p)),
      });
    }
    return rules;
  }
}
