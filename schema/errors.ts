// Every error code a client can see, with a one-line description and the HTTP status used when the
// error fails the whole request: the API's codes (gateway and subgraphs), the portals' own, and the one
// code that exists only inside the gateway. docs/errors.md is generated from these lists
// (`npm run docs:generate`); test/integration/docs-drift.test.ts fails when code raises an uncatalogued code.
import { GraphQLError } from 'graphql';

/** The catalogue: code → description and HTTP status. */
export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: { status: 400, description: 'The operation is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, description: 'The operation does not match the schema (unknown field, wrong argument, …).' },
  BAD_USER_INPUT: { status: 400, description: 'A variable or argument has the wrong type or an invalid value.' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, description: 'The operation to run could not be chosen (missing or unknown operationName).' },
  MAX_DEPTH_LIMIT: { status: 400, description: 'The operation is nested deeper than the gateway allows (LIMIT_MAX_DEPTH).' },
  MAX_ALIASES_LIMIT: { status: 400, description: 'The operation uses more aliases than allowed (LIMIT_MAX_ALIASES).' },
  MAX_ROOT_FIELDS_LIMIT: { status: 400, description: 'The operation asks for more root fields than allowed (LIMIT_MAX_ROOT_FIELDS).' },
  MAX_DIRECTIVES_LIMIT: { status: 400, description: 'The operation uses more directives than allowed (LIMIT_MAX_DIRECTIVES).' },
  MAX_TOKENS_LIMIT: { status: 400, description: 'The operation text has more tokens than allowed (LIMIT_MAX_TOKENS).' },
  COST_ESTIMATED_TOO_EXPENSIVE: { status: 400, description: 'The estimated cost (objects fetched, lists multiplied by their size) exceeds LIMIT_MAX_COST.' },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, description: 'The persisted operation id is unknown; send the full query (or register it).' },
  OPERATION_NOT_IN_SAFELIST: { status: 403, description: 'Safelist mode: this client may run only registered operations.' },
  CSRF_PREVENTION: { status: 400, description: 'A GET request (or a non-JSON POST) without a preflight header (apollo-require-preflight or x-apollo-operation-name) is refused.' },
  BAD_REQUEST: { status: 400, description: 'The HTTP request is malformed: not JSON, no query, or a mutation over GET.' },
  UNAUTHENTICATED: { status: 401, description: 'No valid identity: the token is missing where required, malformed, expired, revoked or not for this API.' },
  FORBIDDEN: { status: 403, description: 'The viewer is known but may not see or do this.' },
  STEP_UP_REQUIRED: { status: 401, description: 'The field needs a higher VNeID level (extensions.requiredAcr); sign in again at that level.' },
  TOO_MANY_REQUESTS: { status: 429, description: 'The client or address exceeded its rate limit; retry after extensions.retryAfterSeconds.' },
  INTERNAL_TOKEN_REQUIRED: { status: 401, description: 'A subgraph was called without a valid internal token from the gateway.' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, description: 'A channel webhook delivery has no valid signature, or its timestamp is outside the replay window; nothing was recorded.' },
  WEBHOOK_NOT_CONFIGURED: { status: 503, description: 'The channel has no secret configured, so its webhook accepts nothing (the platform retries later).' },
  ILLEGAL_TRANSITION: { status: 409, description: "The action is not allowed in the record's current state (e.g. starting work on an item that is not routed)." },
  IDEMPOTENCY_KEY_REUSED: { status: 422, description: 'The idempotency key was already used for a different request; a retry must repeat the first request exactly.' },
  NOT_FOUND: {
    status: 404,
    description: 'The requested record or route does not exist (or is not visible to the viewer). `dossierLookup` answers it alike for an unknown code and a wrong verifier.',
  },
  LOOKUP_THROTTLED: {
    status: 429,
    description: 'Too many wrong verifiers for this dossier code (`dossierLookup`): wait extensions.retryAfterSeconds before the next try; the wait doubles with each wrong one.',
  },
  LOOKUP_LOCKED: {
    status: 429,
    description: 'So many wrong verifiers for this dossier code that it is locked for a while (DOSSIER_LOOKUP_LOCK_SECONDS), the right verifier included; retry after extensions.retryAfterSeconds.',
  },
  LOCATION_OUTSIDE_JURISDICTION: {
    status: 422,
    description: 'The point is outside the boundary of the provinces this hub serves (or outside Việt Nam); a submission with it is refused before anything is written.',
  },
  VN2000_OUTSIDE_ZONE: { status: 400, description: "The VN-2000 x/y is not a point of the central meridian's 3° zone (x is the northing, y the easting, as printed on the certificate)." },
  MAP_BOX_TOO_LARGE: { status: 400, description: 'The map box is larger than a planning map may ask for at once (extensions.maxSpanDegrees); zoom in.' },
  SCHEMA_COMPOSITION_FAILED: {
    status: 422,
    description: "A subgraph proposal (registry admin API) does not compose with the other subgraphs; the report lists the composer's errors and nothing was changed.",
  },
  SCHEMA_BREAKING_CHANGE: {
    status: 409,
    description:
      'A subgraph change (registry admin API) breaks the schema clients use; the report lists each change and the recorded operations it breaks. Publish with allowBreaking once they are ready.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body exceeds the configured limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The request body is not application/json.' },
  PHOTO_TOO_LARGE: { status: 413, description: 'The photo is larger than FEEDBACK_PHOTO_MAX_BYTES (extensions.maxBytes).' },
  PHOTO_TYPE_NOT_ALLOWED: { status: 415, description: 'The photo is not a JPEG, PNG or WebP, or its bytes are not of the type its Content-Type declares.' },
  PHOTO_INVALID: { status: 415, description: 'The photo is damaged or truncated, or its width or height is outside 1 to 8000 pixels.' },
  DOCUMENT_TOO_LARGE: { status: 413, description: 'The dossier document is larger than DOSSIER_DOCUMENT_MAX_BYTES (extensions.maxBytes).' },
  DOCUMENT_TYPE_NOT_ALLOWED: { status: 415, description: 'The dossier document is not a PDF, JPEG or PNG, or its bytes are not of the type its Content-Type declares.' },
  DOCUMENT_INVALID: {
    status: 415,
    description: 'The dossier document is damaged or truncated (a PDF without its version header or end marker, a broken image), or an image is outside 1 to 8000 pixels.',
  },
  UNMAPPED_STATUS: {
    status: 422,
    description:
      'A dossier record carries a vendor status code with no mapping: the record is refused and listed in dossierDeadLetters for operators, who map the code (setDossierStatusMapping); the agency then sends it again.',
  },
  SUBGRAPH_UNAVAILABLE: { status: 502, description: 'A subgraph did not answer; data from the other subgraphs is still returned.' },
  SERVICE_UNAVAILABLE: { status: 503, description: 'A dependency is down or restarting; retry after Retry-After (extensions.retryAfterSeconds).' },
  SUBGRAPH_INVALID_RESPONSE: {
    status: 502,
    description: 'A subgraph returned a value the public schema cannot show (null for a non-null field, a hidden enum value, an unknown type); it is null, with this error at its path.',
  },
  QUERY_PLANNING_FAILED: { status: 500, description: 'The gateway could not plan this valid operation (a fault of the query planner); other operations are not affected.' },
  NOT_A_SUBSCRIPTION: { status: 400, description: 'Over graphql-ws or SSE (text/event-stream) the gateway runs subscriptions only: send queries and mutations to /graphql as JSON.' },
  SUBSCRIPTION_NOT_ROUTABLE: {
    status: 400,
    description: 'The subscription selects fields its owning subgraph cannot answer (the gateway forwards each subscription to one subgraph): select only fields of that subgraph.',
  },
  SUBSCRIPTION_ENDED: {
    status: 401,
    description: 'A live subscription was closed because its access token expired or its session was logged out; sign in again and resubscribe (the inbox has what was missed).',
  },
  DEFER_NOT_SUPPORTED: { status: 400, description: 'The operation uses @defer; this gateway answers in one response only: remove @defer or set its if: false.' },
  NOTICE_AUDIENCE_EMPTY: {
    status: 400,
    description: "The notice's audience matches nobody: no or unknown ward codes, an unknown topic, or no person (extensions.field).",
  },
  NOTICE_OUTSIDE_VALIDITY: {
    status: 400,
    description: "The notice's validity window is empty (validUntil not after validFrom) or already over, so it cannot be published.",
  },
  TEMPLATE_PLACEHOLDER_UNKNOWN: {
    status: 400,
    description: 'A notification template uses a placeholder its kind does not offer, or braces that are not a {{placeholder}} (extensions.unknown, extensions.allowed).',
  },
  TEMPLATE_PLACEHOLDER_MISSING: { status: 422, description: 'A template was rendered without a value for one of its placeholders (extensions.missing); nothing is sent with a gap.' },
  TEMPLATE_TOO_LONG_FOR_SMS: {
    status: 400,
    description:
      'An SMS template (at its longest values) or a rendered SMS needs more segments than are sent (extensions.segments, encoding: Vietnamese with diacritics is UCS-2, 70 characters a segment).',
  },
  RECEIPT_SIGNATURE_INVALID: {
    status: 401,
    description: "A provider's delivery receipt has no valid signature (HMAC-SHA256 of timestamp and body with the provider's secret), or its timestamp is more than 5 minutes off; nothing changed.",
  },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'An unexpected error; details are logged with the request id, never returned.' },
  // — the catalogue (subgraphs/dossier/catalogue/)
  ALREADY_EXISTS: { status: 409, description: 'A record with this code already exists (a procedure created twice); nothing was written.' },
  REVISION_CONFLICT: {
    status: 409,
    description: 'The record changed since the revision the edit was made against (extensions.currentRevision); reload it, apply the edit again, and send it with the current revision.',
  },
} as const satisfies Record<string, { status: number; description: string }>;

/**
 * Codes the portals (web/portal) put in their own answers: HTML error pages, the back-channel logout
 * endpoint and health. The portals also show the API's codes above as they come from the gateway.
 */
export const PORTAL_ERROR_CODES = {
  CSRF_TOKEN_INVALID: { status: 403, description: "A portal form was posted without this session's CSRF token (an expired page, or another site's form); reload the page and send it again." },
  IDP_UNAVAILABLE: { status: 503, description: 'The portal cannot reach the identity provider (its readiness check, or the realm keys needed to verify a back-channel logout token).' },
  LOGOUT_TOKEN_MISSING: { status: 400, description: 'A back-channel logout request that is not a form with a logout_token field.' },
  INVALID_LOGOUT_TOKEN: { status: 400, description: 'The back-channel logout token is not valid (signature, issuer, audience, events claim or age); no session was ended.' },
} as const satisfies Record<string, { status: number; description: string }>;

/**
 * Codes that exist only inside the gateway and never reach a client: they are outside ERROR_CODES on
 * purpose, so maskError replaces them with INTERNAL_SERVER_ERROR and logs the original.
 */
export const MASKED_ERROR_CODES = {
  DOWNSTREAM_SERVICE_ERROR: {
    status: 500,
    description: "A subgraph error that carried no code (the executor labels it, as Apollo's gateway does); the client gets INTERNAL_SERVER_ERROR, and the log has the original with the request id.",
  },
} as const satisfies Record<string, { status: number; description: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** A GraphQL error carrying a catalogued `extensions.code`. */
export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The HTTP status for a code. */
export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** Whether `value` is a catalogued code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** A GraphQL error as sent to clients. */
export interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown> & { code: ErrorCode };
}

/**
 * Keep errors that carry a catalogued code; replace anything else with INTERNAL_SERVER_ERROR and no
 * detail (no stack, SQL or URL). `onUnexpected` receives the real error for the log.
 */
export function maskError(error: GraphQLError, onUnexpected: (error: GraphQLError) => void): FormattedError {
  const code = error.extensions?.['code'];
  const where = {
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    return { message: error.message, ...where, extensions: { ...error.extensions, code } };
  }
  onUnexpected(error);
  return { message: 'Unexpected error.', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
