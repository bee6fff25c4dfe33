// The query planner's own process: the Rust planner (@graphql-hive/router-query-planner, MIT) aborts
// the whole process when it panics (napi-rs does not catch unwinds across its C boundary), so it runs
// here, apart from the gateway. Started by planner.ts over IPC; exits when the gateway goes away.
// Plain JavaScript on purpose: a .ts file makes node load its TypeScript stripper (WebAssembly), 15 MB
// of resident memory in a process that only relays plans (measured: 69.7 → 54.5 MB peak). The
// messages are typed in planner.ts (PlannerRequest, PlannerReply).
import { QueryPlanner } from '@graphql-hive/router-query-planner';

/** @type {QueryPlanner | undefined} */
let planner;

/** @param {import('./planner.ts').PlannerReply} message */
function reply(message) {
  process.send?.(message);
}

process.on('message', (/** @type {import('./planner.ts').PlannerRequest} */ message) => {
  if (message.kind === 'init') {
    try {
      planner = new QueryPlanner(message.supergraphSdl);
      reply({ kind: 'ready', overrideLabels: planner.overrideLabels, overridePercentages: planner.overridePercentages });
    } catch (error) {
      reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const current = planner;
  if (!current) {
    reply({ kind: 'error', id: message.id, message: 'The planner is not initialized.' });
    return;
  }
  // The planner checks the signal between steps: a runaway plan ends with an error, not a hang.
  current
    .planAsync(message.query, message.operationName ?? null, new Set(message.activeLabels), message.percentage, AbortSignal.timeout(message.timeoutMs))
    .then(
      (plan) => reply({ kind: 'plan', id: message.id, plan }),
      (error) => reply({ kind: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) }),
    );
});

// The gateway closed the channel (stopped or died): nothing left to plan for.
process.on('disconnect', () => process.exit(0));
