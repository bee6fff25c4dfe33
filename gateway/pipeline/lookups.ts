// Stage 3, lookups: lookups by code (short, sequential, guessable) have a budget of their own, per address
// and per viewer, or the client's own budget when its policy sets one. Each occurrence (alias) counts.
import type { PipelineServices, RequestContext } from './context.ts';
import { tooManyRequests } from './refusal.ts';

/** The lookups stage: spends the request's lookups by code from its budgets, or refuses with 429. */
export async function lookups(services: PipelineServices, context: RequestContext): Promise<void> {
  const { prepared, operation, viewer, policy } = context;
  const limit = policy?.codeLookupRateLimit ?? services.config.codeLookupRateLimit;
  if (!limit || !prepared?.ok || !operation) return;
  const count = services.countCodeLookups(prepared.document, operation);
  if (count === 0) return;
  const keys = policy?.codeLookupRateLimit
    ? [`lookup-client:${viewer.clientId ?? ''}`]
    : [`lookup-ip:${context.request.ip}`, ...((viewer.subject ?? viewer.clientId) ? [`lookup-viewer:${viewer.subject ?? viewer.clientId ?? ''}`] : [])];
  for (const key of keys) {
    const decision = await services.rateLimiter.hit(key, limit, Date.now(), count);
    if (!decision.allowed) throw tooManyRequests(context.reply, decision.retryAfterSeconds, 'Lookups by code from here');
  }
}
