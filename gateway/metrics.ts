// The gateway's own Prometheus metrics, on the process registry (platform/metrics.ts): operations by
// name, type, outcome and client; their latency; each subgraph call's outcome and latency and each
// circuit's state; hits of the operation, plan and token caches; what inbound and subgraph dedup saved;
// rate-limit refusals. Operation names and client ids are chosen by clients, so both pass a LabelCap.
import { Counter, Gauge, Histogram } from 'prom-client';
import { createLabelCap, LATENCY_BUCKETS, METRIC_PREFIX } from '../platform/metrics.ts';
import type { ProcessMetrics } from '../platform/metrics.ts';

/** Where a request ended: `ok`, `partial` (data with errors), or the refusal's or the whole request's error code. */
export type OperationOutcome = string;

/** A cache the gateway keeps. */
export type CacheName = 'operation' | 'plan' | 'token';

/** A rate limit that refused a request. */
export type LimitName = 'address' | 'client' | 'account' | 'lookups';

/** What the gateway records. Built once per gateway and passed down with the other services. */
export interface GatewayMetrics {
  /** One GraphQL request answered (`operation`: its name, or `anonymous`; `type`: query, mutation or `unknown`). */
  operation(operation: string, type: string, outcome: OperationOutcome, client: string, seconds: number): void;
  /** One call to a subgraph (retries included) and how it ended: `ok`, `unavailable`, `timeout`, `circuit_open`. */
  subgraphCall(subgraph: string, outcome: string, seconds: number): void;
  cacheLookup(cache: CacheName, hit: boolean): void;
  /** A request or subgraph fetch answered by one already running. */
  deduplicated(layer: 'inbound' | 'subgraph'): void;
  rateLimited(limit: LimitName): void;
}

/** How many distinct operation names and client ids get their own label value. */
const MAX_OPERATION_NAMES = 500;
const MAX_CLIENTS = 100;

/** Register the gateway's metrics on `metrics`; `circuits` reads each subgraph's breaker state at scrape time. */
export function createGatewayMetrics(metrics: ProcessMetrics, circuits: () => Record<string, string>): GatewayMetrics {
  const registers = [metrics.registry];
  const operations = new Counter({
    name: `${METRIC_PREFIX}gateway_operations_total`,
    help: 'GraphQL requests answered, by operation name (first 500 names; later ones "other"), type, outcome and client.',
    labelNames: ['operation', 'type', 'outcome', 'client'] as const,
    registers,
  });
  const operationSeconds = new Histogram({
    name: `${METRIC_PREFIX}gateway_operation_duration_seconds`,
    help: 'Time to answer a GraphQL request, by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const subgraphCalls = new Counter({
    name: `${METRIC_PREFIX}gateway_subgraph_requests_total`,
    help: 'Calls to subgraphs, by subgraph and outcome (ok, unavailable, timeout, circuit_open).',
    labelNames: ['subgraph', 'outcome'] as const,
    registers,
  });
  const subgraphSeconds = new Histogram({
    name: `${METRIC_PREFIX}gateway_subgraph_request_duration_seconds`,
    help: 'Time of a call to a subgraph, retries included.',
    labelNames: ['subgraph'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  new Gauge({
    name: `${METRIC_PREFIX}gateway_subgraph_circuit_open`,
    help: "1 while a subgraph's circuit breaker is open (its calls fail fast), else 0.",
    labelNames: ['subgraph'] as const,
    registers,
    collect() {
      for (const [subgraph, state] of Object.entries(circuits())) this.set({ subgraph }, state === 'open' ? 1 : 0);
    },
  });
  const cacheLookups = new Counter({
    name: `${METRIC_PREFIX}gateway_cache_lookups_total`,
    help: 'Lookups in the operation (parse + validate), plan and access-token caches, by result.',
    labelNames: ['cache', 'result'] as const,
    registers,
  });
  const deduplicated = new Counter({
    name: `${METRIC_PREFIX}gateway_deduplicated_total`,
    help: 'Requests (inbound) and subgraph fetches (subgraph) answered by an identical one already running.',
    labelNames: ['layer'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: `${METRIC_PREFIX}gateway_rate_limited_total`,
    help: 'Requests refused with 429, by the limit used up (address, client, account, lookups).',
    labelNames: ['limit'] as const,
    registers,
  });
  const operationLabel = createLabelCap(MAX_OPERATION_NAMES);
  const clientLabel = createLabelCap(MAX_CLIENTS);
  return {
    operation(operation, type, outcome, client, seconds) {
      const name = operationLabel(operation);
      operations.inc({ operation: name, type, outcome, client: clientLabel(client) });
      operationSeconds.observe({ operation: name, outcome }, seconds);
    },
    subgraphCall(subgraph, outcome, seconds) {
      subgraphCalls.inc({ subgraph, outcome });
      subgraphSeconds.observe({ subgraph }, seconds);
    },
    cacheLookup: (cache, hit) => cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' }),
    deduplicated: (layer) => deduplicated.inc({ layer }),
    rateLimited: (limit) => rateLimited.inc({ limit }),
  };
}

/** Records nothing: for engines and tools built without a metrics registry. */
export const NO_GATEWAY_METRICS: GatewayMetrics = {
  operation: () => undefined,
  subgraphCall: () => undefined,
  cacheLookup: () => undefined,
  deduplicated: () => undefined,
  rateLimited: () => undefined,
};
