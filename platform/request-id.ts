// Request ids, one rule for every process: a caller's own x-request-id is kept when it is well-formed
// (so a client, a load balancer or the gateway can follow one request through every process's log
// lines), anything else is replaced by a new UUID. Imports nothing heavy: the identity provider uses it too.
import { randomUUID } from 'node:crypto';

/** A request id a caller may choose: letters, digits and `._:-`, up to 128 characters (UUIDs, ULIDs, trace ids). */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is well-formed, else undefined (a new one is made). */
function wellFormedRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && WELL_FORMED_REQUEST_ID.test(header) ? header : undefined;
}

/** The id of a request with this x-request-id header: the caller's when well-formed, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  return wellFormedRequestId(header) ?? randomUUID();
}
