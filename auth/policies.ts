// What Federation's @authenticated, @requiresScopes and @policy demand, and whether a viewer meets it:
// one source for the gateway (which filters operations before planning) and the subgraph kit (which
// re-checks every protected field as defence in depth), so both refuse alike.
import { Kind, parse } from 'graphql';
import type { ConstDirectiveNode, ValueNode } from 'graphql';
import type { ErrorCode } from '../schema/errors.ts';
import { hasRole } from './viewer.ts';
import type { Viewer } from './viewer.ts';

/** What a field or type demands of the viewer. */
export interface Requirement {
  authenticated: boolean;
  /** OR of AND-sets of scopes. */
  scopes: string[][];
  /** OR of AND-sets of policy names. */
  policies: string[][];
}

/** Why a requirement is not met: the coded error the field comes back with. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

/** A named rule a @policy can refer to. Unknown names deny (fail closed). */
export interface Policy {
  allows(viewer: Viewer): boolean;
  readonly denial: Refusal;
}

/** The realm role of the staff who keep the procedure catalogue and the FAQ (the 1022 knowledge base). */
export const CATALOGUE_EDITOR_ROLE = 'catalogue-editor';

/** The policies subgraph schemas may name in @policy. */
export const POLICIES: Readonly<Record<string, Policy>> = {
  vneid_level_2: {
    allows: (viewer) => viewer.level >= 2,
    denial: { code: 'STEP_UP_REQUIRED', message: 'This needs VNeID level 2: sign in again with VNeID.', extensions: { requiredAcr: '2' } },
  },
  officer: { allows: (viewer) => hasRole(viewer, 'officer'), denial: { code: 'FORBIDDEN', message: 'Only unit officers may see this.' } },
  leader: { allows: (viewer) => hasRole(viewer, 'leader'), denial: { code: 'FORBIDDEN', message: 'Only leaders may see this.' } },
  operator: { allows: (viewer) => hasRole(viewer, 'operator'), denial: { code: 'FORBIDDEN', message: 'Only 1022 operators may do this.' } },
  // The city's communications office drafts and publishes notices; leaders may too, for emergencies only
  // (the notification subgraph checks the kind).
  communications: {
    allows: (viewer) => hasRole(viewer, 'communications') || hasRole(viewer, 'leader'),
    denial: { code: 'FORBIDDEN', message: 'Only the communications office (and leaders, for emergencies) may manage notices.' },
  },
  staff: { allows: (viewer) => hasRole(viewer, 'officer') || hasRole(viewer, 'leader'), denial: { code: 'FORBIDDEN', message: 'Only officers and leaders may see this.' } },
  catalogue_editor: { allows: (viewer) => hasRole(viewer, CATALOGUE_EDITOR_ROLE), denial: { code: 'FORBIDDEN', message: 'Only catalogue editors may change the procedure catalogue and the FAQ.' } },
};

/** Whether the named policy lets `viewer` through; an unknown name never does. */
export function policyAllows(name: string, viewer: Viewer): boolean {
  return POLICIES[name]?.allows(viewer) ?? false;
}

// A subgraph that does not import the directives refers to them by their namespaced names.
const DIRECTIVE_NAMES: Readonly<Record<string, 'authenticated' | 'requiresScopes' | 'policy'>> = {
  authenticated: 'authenticated',
  requiresScopes: 'requiresScopes',
  policy: 'policy',
  federation__authenticated: 'authenticated',
  federation__requiresScopes: 'requiresScopes',
  federation__policy: 'policy',
};

function stringMatrix(value: ValueNode | undefined): string[][] {
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : [])) : []));
}

/**
 * Read every field's (`Type.field`) and type's (`Type`) requirements from an SDL: the supergraph at the
 * gateway, a subgraph's own schema in the kit. Type extensions count like definitions.
 */
export function readRequirements(sdl: string): ReadonlyMap<string, Requirement> {
  const requirements = new Map<string, Requirement>();
  const add = (key: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    for (const directive of directives ?? []) {
      const name = DIRECTIVE_NAMES[directive.name.value];
      if (!name) continue;
      const requirement = requirements.get(key) ?? { authenticated: false, scopes: [], policies: [] };
      if (name === 'authenticated') requirement.authenticated = true;
      if (name === 'requiresScopes') requirement.scopes.push(...stringMatrix(directive.arguments?.find((arg) => arg.name.value === 'scopes')?.value));
      if (name === 'policy') requirement.policies.push(...stringMatrix(directive.arguments?.find((arg) => arg.name.value === 'policies')?.value));
      requirements.set(key, requirement);
    }
  };
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    add(definition.name.value, definition.directives);
    for (const field of definition.fields ?? []) add(`${definition.name.value}.${field.name.value}`, field.directives);
  }
  return requirements;
}

/**
 * Both requirements at once (a field's own and its return type's): every part must be met, so the
 * OR-lists are multiplied out (each AND-set of one joined with each of the other), not concatenated.
 */
export function combineRequirements(first: Requirement | undefined, second: Requirement | undefined): Requirement | undefined {
  if (!first) return second;
  if (!second) return first;
  return {
    authenticated: first.authenticated || second.authenticated,
    scopes: bothOf(first.scopes, second.scopes),
    policies: bothOf(first.policies, second.policies),
  };
}

function bothOf(first: string[][], second: string[][]): string[][] {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  return first.flatMap((left) => second.map((right) => [...left, ...right]));
}

/** The first unmet part of a requirement, or undefined when the viewer satisfies it. */
export function unmetRequirement(requirement: Requirement, viewer: Viewer): Refusal | undefined {
  const signedIn = viewer.subject !== undefined || viewer.clientId !== undefined;
  if ((requirement.authenticated || requirement.scopes.length > 0 || requirement.policies.length > 0) && !signedIn) {
    return { code: 'UNAUTHENTICATED', message: 'Sign in to see this field.' };
  }
  if (requirement.scopes.length > 0 && !requirement.scopes.some((set) => set.every((scope) => viewer.scopes.includes(scope)))) {
    return { code: 'FORBIDDEN', message: `The token lacks the scope this field needs (${requirement.scopes.map((set) => set.join(' and ')).join(' or ')}).` };
  }
  if (requirement.policies.length > 0) {
    const allowed = requirement.policies.some((set) => set.every((name) => policyAllows(name, viewer)));
    if (!allowed) {
      const failing = requirement.policies.flat().find((name) => !policyAllows(name, viewer));
      return (failing && POLICIES[failing]?.denial) || { code: 'FORBIDDEN', message: 'Not allowed by policy.' };
    }
  }
  return undefined;
}
