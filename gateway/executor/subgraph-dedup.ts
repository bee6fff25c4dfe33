// Subgraph request deduplication: identical in-flight requests to one subgraph (same body, same
// internal token, so the same viewer) share one call. Each caller gets its own copy of the answer,
// because the executor merges later fetches into it in place. Never across viewers: the internal token
// names the viewer and is part of the key. Mutations never share (the caller says which may).
import type { SubgraphResponse } from '../subgraph-data-source.ts';
import type { SubgraphSender } from './execute-plan.ts';

interface Flight {
  readonly promise: Promise<SubgraphResponse>;
  /** Callers so far; fixed once the answer arrives (the flight leaves the map then). */
  callers: number;
  copies: SubgraphResponse[];
}

/** Wrap `send` so that identical shareable requests in flight together make one call (`onShared` is told of each joiner). */
export function dedupSubgraphRequests(send: SubgraphSender, onShared: () => void = () => undefined): SubgraphSender {
  // prefix (one string per fetch node) → internal token → variables JSON → flight. Nested maps hash
  // the long, reused strings once (V8 caches a string's hash) instead of one long key per request.
  const flights = new Map<string, Map<string, Map<string, Flight>>>();
  return (request, context) => {
    if (!request.shareable) return send(request, context);
    let byToken = flights.get(request.prefix);
    if (!byToken) {
      byToken = new Map();
      flights.set(request.prefix, byToken);
    }
    let byVariables = byToken.get(context.internalToken);
    if (!byVariables) {
      byVariables = new Map();
      byToken.set(context.internalToken, byVariables);
    }
    let flight = byVariables.get(request.variables);
    if (!flight) {
      const tokenFlights = byVariables;
      const tokenMap = byToken;
      const forget = () => {
        tokenFlights.delete(request.variables);
        if (tokenFlights.size === 0) tokenMap.delete(context.internalToken);
        if (tokenMap.size === 0) flights.delete(request.prefix);
      };
      const started: Flight = {
        callers: 0,
        copies: [],
        promise: send(request, context).then(
          (response) => {
            forget();
            // Copies are made before any caller resumes, so none sees another's merges.
            started.copies.push(response);
            if (request.mutable) for (let i = 1; i < started.callers; i++) started.copies.push(cloneJson(response) as SubgraphResponse);
            return response;
          },
          (error: unknown) => {
            forget();
            throw error;
          },
        ),
      };
      flight = started;
      byVariables.set(request.variables, flight);
    }
    const current = flight;
    const index = current.callers++;
    if (index > 0) onShared();
    // An answer nobody changes is read by every caller as it is.
    if (index === 0 || !request.mutable) return current.promise;
    return current.promise.then(() => current.copies[index]!);
  };
}

/** A deep copy of a JSON value (objects, lists, scalars). */
export function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = cloneJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}
