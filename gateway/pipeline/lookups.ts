// Stage 3, lookups: lookups by code (short, sequential, guessable) have a budget of their own, per address
// and per viewer, or the client's own budget when its policy sets one. Each occurrence (alias) counts.
import type { FastifyReply } from 'fastify';
import type { Viewer } from '../../auth/viewer.ts';
import type { ClientPolicy } from '../client-policy.ts';
import type { PipelineServices, RequestContext } from './context.ts';
import { tooManyRequests } from './refusal.ts';

/** The lookups stage: spends the request's lookups by code from its budgets, or refuses with 429. */
export async function lookups(services: PipelineServices, context: RequestContext): Promise<void> {
  const { prepared, operation, viewer, policy } = context;
  if (!prepared?.ok || !operation) return;
  const count = services.countCodeLookups(prepared.document, operation);
  await spendLookups(services, context.request.ip, context.reply, count, viewer, policy);
}

/**
 * Spend `count` lookups by code from the budgets that apply: the client's own when its policy sets one;
 * else the address's and, when given, the viewer's. Throws the 429 refusal once one is used up.
 * Also the REST routes' lookups (Open311 ids), which are charged per address only.
 */
export async function spendLookups(
  services: Pick<PipelineServices, 'config' | 'rateLimiter' | 'metrics'>,
  address: string,
  reply: FastifyReply,
  count: number,
  viewer?: Viewer,
  policy?: ClientPolicy,
): Promise<void> {
  const limit = policy?.codeLookupRateLimit ?? services.config.codeLookupRateLimit;
  if (!limit || count === 0) return;
  const viewerKey = viewer?.subject ?? viewer?.clientId;
  const keys = policy?.codeLookupRateLimit ? [`lookup-client:${viewer?.clientId ?? ''}`] : [`lookup-ip:${address}`, ...(viewerKey !== undefined ? [`lookup-viewer:${viewerKey}`] : [])];
  for (const key of keys) {
    const decision = await services.rateLimiter.hit(key, limit, Date.now(), count);
    if (!decision.allowed) {
      services.metrics.rateLimited('lookups');
      throw tooManyRequests(reply, decision.retryAfterSeconds, 'Lookups by code from here');
    }
  }
}
