// Ownership checks every subgraph applies to citizen data, whatever path the request took (root field,
// entity reference, alias): a citizen sees only records whose owner is their own subject.
import { codedError } from '../../schema/errors.ts';
import type { Viewer } from '../../auth/viewer.ts';

/** The viewer's subject, or UNAUTHENTICATED. */
export function requireSubject(viewer: Viewer): string {
  if (viewer.subject === undefined) {
    // A partner app (client_credentials) is authenticated, but has no records of its own here.
    if (viewer.clientId !== undefined) throw codedError('FORBIDDEN', 'Personal records are only for a signed-in person, not for a client acting as itself.');
    throw codedError('UNAUTHENTICATED', 'Sign in to see your own records.');
  }
  return viewer.subject;
}

/** Refuse unless `citizenId` is the viewer's own subject. */
export function assertSelf(viewer: Viewer, citizenId: string): void {
  if (requireSubject(viewer) !== citizenId) throw codedError('FORBIDDEN', 'You may only see your own records.');
}

/** A reference to the Citizen entity: the subject is its key. */
export interface CitizenRef {
  readonly id: string;
}

/** `Query.me` in every subgraph: the signed-in person as a Citizen reference. */
export function resolveMe(_root: unknown, _args: unknown, context: { viewer: Viewer }): CitizenRef {
  return { id: requireSubject(context.viewer) };
}

/**
 * `Citizen.__resolveReference` in every subgraph: only the person themself may be resolved. Async on
 * purpose: a refusal then fails only its own item of `_entities`, not the whole batch.
 */
export async function resolveCitizenReference(reference: CitizenRef, context: { viewer: Viewer }): Promise<CitizenRef> {
  assertSelf(context.viewer, reference.id);
  return { id: reference.id };
}
