// Stage 1, admit: the address's rate limit, the bearer token, the client's policy and rate limit (or the
// account's), and the client's scope cap. A bad token is refused here, before the query is even parsed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RevocationUnavailableError } from '../../auth/revocation.ts';
import { TokenRejectedError } from '../../auth/access-token.ts';
import type { AccessTokenVerifier } from '../../auth/access-token.ts';
import { ANONYMOUS } from '../../auth/viewer.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { policyFor } from '../client-policy.ts';
import type { ClientPolicy } from '../client-policy.ts';
import type { PipelineServices, RequestContext } from './context.ts';
import { RequestRefused, tooManyRequests } from './refusal.ts';
import { traced } from '../../platform/tracing.ts';

/** Who a request comes from, once admitted. */
export interface Admitted {
  /** `expiresAt`: the token's expiry (epoch ms), when there is a token. */
  readonly authenticated: { readonly viewer: Viewer; readonly token: string | undefined; readonly expiresAt?: number };
  readonly policy: ClientPolicy | undefined;
  readonly viewer: Viewer;
}

const VERIFY_SPAN = { attributes: { 'lien_thong.phase': 'verify' } };
const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/;

/** Who knocks: the client's address and its Authorization header (an HTTP request's, or a WebSocket's connection_init). */
export interface Caller {
  readonly ip: string;
  readonly authorization: string | undefined;
}

/** Admit one HTTP request (GraphQL or forwarded REST), or throw its refusal. */
export function admitRequest(services: PipelineServices, request: FastifyRequest, reply: FastifyReply): Promise<Admitted> {
  return admitCaller(services, { ip: request.ip, authorization: request.headers.authorization }, reply);
}

/** Admit a caller (an HTTP request, or a live connection: `reply` undefined), or throw its refusal. */
export async function admitCaller(services: PipelineServices, caller: Caller, reply: FastifyReply | undefined): Promise<Admitted> {
  const { config, rateLimiter } = services;
  if (config.ipRateLimit) {
    const decision = await rateLimiter.hit(`ip:${caller.ip}`, config.ipRateLimit);
    if (!decision.allowed) {
      services.metrics.rateLimited('address');
      throw tooManyRequests(reply, decision.retryAfterSeconds, 'This address');
    }
  }
  const authenticated = await traced('verify', VERIFY_SPAN, () => authenticate(caller.authorization, services.verifyAccessToken));
  const policy = policyFor(config.clientPolicies, authenticated.viewer.clientId);
  if (policy?.rateLimit) {
    const decision = await rateLimiter.hit(`client:${authenticated.viewer.clientId}`, policy.rateLimit);
    if (!decision.allowed) {
      services.metrics.rateLimited('client');
      throw tooManyRequests(reply, decision.retryAfterSeconds, 'This client');
    }
  }
  const viewer = policy?.scopes ? capScopes(authenticated.viewer, policy.scopes) : authenticated.viewer;
  const viewerKey = viewer.subject ?? viewer.clientId;
  if (config.viewerRateLimit && viewerKey !== undefined && !policy?.rateLimit) {
    const decision = await rateLimiter.hit(`viewer:${viewerKey}`, config.viewerRateLimit);
    if (!decision.allowed) {
      services.metrics.rateLimited('account');
      throw tooManyRequests(reply, decision.retryAfterSeconds, 'This account');
    }
  }
  return { authenticated, policy, viewer };
}

/** The admit stage: fills in the token, the viewer and the policy. */
export async function admit(services: PipelineServices, context: RequestContext): Promise<void> {
  const { authenticated, policy, viewer } = await admitRequest(services, context.request, context.reply);
  context.token = authenticated.token;
  context.viewer = viewer;
  context.policy = policy;
}

/** The viewer with its scopes narrowed to what its client may use. */
function capScopes(viewer: Viewer, allowed: readonly string[]): Viewer {
  return Object.freeze({ ...viewer, scopes: viewer.scopes.filter((scope) => allowed.includes(scope)) });
}

async function authenticate(header: string | undefined, verify: AccessTokenVerifier): Promise<Admitted['authenticated']> {
  if (header === undefined || header === '') return { viewer: ANONYMOUS, token: undefined };
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new RequestRefused('UNAUTHENTICATED', 'The Authorization header must be "Bearer <access token>".');
  try {
    const verified = await verify(match[1]);
    return { viewer: verified.viewer, token: match[1], expiresAt: verified.expiresAt };
  } catch (error) {
    if (error instanceof TokenRejectedError) throw new RequestRefused('UNAUTHENTICATED', `Invalid access token: ${error.message}.`);
    // Fail closed, retryably: the revocation store is down and this replica cannot decide this session.
    if (error instanceof RevocationUnavailableError) {
      throw new RequestRefused('SERVICE_UNAVAILABLE', 'The session cannot be checked right now; retry shortly.', undefined, { retryAfterSeconds: error.retryAfterSeconds });
    }
    throw error;
  }
}
