// The flags the gateway's node runs with, wherever it is started: `npm start` (scripts/start.ts) passes
// them, and the Kubernetes manifest's command carries the same (test/unit/deploy/kubernetes.test.ts holds
// it to this list), so production runs the gateway as the benchmark measured it.

/**
 * A larger young generation: the gateway makes many short-lived objects per request (GC fell from 20 % to
 * 9 % of its CPU in the benchmark; docs/benchmark.md).
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=32']);
