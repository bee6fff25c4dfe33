// The query planner's own process: the Rust planner (@graphql-hive/router-query-planner, MIT) aborts
// the whole process when it panics (napi-rs does not catch unwinds across its C boundary), so it runs
// here, apart from the gateway. Started by planner.ts over IPC; exits when the gateway goes away.
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import type { PlannerReply, PlannerRequest } from './planner.ts';

let planner: QueryPlanner | undefined;

function reply(message: PlannerReply): void {
  process.send?.(message);
}

process.on('message', (message: PlannerRequest) => {
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
      (error: unknown) => reply({ kind: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) }),
    );
});

// The gateway closed the channel (stopped or died): nothing left to plan for.
process.on('disconnect', () => process.exit(0));
