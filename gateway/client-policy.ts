// What each partner client may do: an allow-list of named operations (and so nothing else), a cap on
// the scopes its tokens may use, and a rate limit. Configured with CLIENT_POLICIES (JSON, by client
// id; "*" applies to every client without its own entry). Citizens' portal clients normally have none.
import { z } from 'zod';

/** One client's policy. */
export interface ClientPolicy {
  /** When set, only these operation names may run. */
  readonly operations?: readonly string[] | undefined;
  /** When set, the token's scopes are narrowed to these. */
  readonly scopes?: readonly string[] | undefined;
  readonly rateLimit?: { readonly max: number; readonly windowSeconds: number } | undefined;
  /** This client's budget of lookups by code, instead of CODE_LOOKUP_RATE_LIMIT (a chat bot answering many citizens). */
  readonly codeLookupRateLimit?: { readonly max: number; readonly windowSeconds: number } | undefined;
}

const rateLimitSchema = z.object({ max: z.number().int().positive(), windowSeconds: z.number().int().positive().max(86_400) }).strict();

/** The CLIENT_POLICIES schema. */
export const clientPoliciesSchema = z.record(
  z.string().min(1),
  z
    .object({
      operations: z.array(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/, 'an operation name')).optional(),
      scopes: z.array(z.string().min(1)).optional(),
      rateLimit: rateLimitSchema.optional(),
      codeLookupRateLimit: rateLimitSchema.optional(),
    })
    .strict(),
);

/** The policy for `clientId`, or undefined for anonymous requests and clients without one. */
export function policyFor(policies: Readonly<Record<string, ClientPolicy>>, clientId: string | undefined): ClientPolicy | undefined {
  if (clientId === undefined) return undefined;
  return policies[clientId] ?? policies['*'];
}

/** Why a client's request is refused, or undefined when its policy allows the operation. */
export function operationRefusal(policy: ClientPolicy | undefined, operationName: string | undefined): string | undefined {
  if (!policy?.operations) return undefined;
  if (operationName === undefined) return 'This client may run only named operations from its allow-list.';
  return policy.operations.includes(operationName) ? undefined : `This client may not run the operation "${operationName}".`;
}
