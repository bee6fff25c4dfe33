// The flags the gateway's node runs with, wherever it is started: `npm start` (scripts/start.ts) passes
// them, and the Kubernetes manifest's command carries the same (test/unit/deploy/kubernetes.test.ts holds
// it to this list), so production runs the gateway as the benchmark measured it.

/**
 * None: V8's own young generation (16 MB semi-spaces). Twice that (`--max-semi-space-size=32`) was used
 * while the executor made about 1 MB of garbage per request; now, under the guild benchmark with dedup
 * off, it saves 2–5 % of the gateway's CPU in collection pauses (3.7–4.0 % against 6–9 %) but costs 40–100
 * MB of peak RSS (203–306 MB against 159–186), over a 200 MB budget (docs/benchmark.md, 2026-12-07).
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = Object.freeze([]);
