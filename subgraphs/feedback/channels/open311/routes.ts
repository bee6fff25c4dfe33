// Open311 GeoReport v2 at /api/open311/v2/ (the gateway serves it at /api/feedback/open311/v2/):
//   GET  discovery.{xml,json}               service discovery (https://wiki.open311.org/Service_Discovery/)
//   GET  services.{xml,json}                service list (one service per category)
//   GET  services/{service_code}.{xml,json} service definition (no attributes)
//   POST requests.{xml,json}                create (form-encoded, api_key required) → service_request_id
//   GET  requests.{xml,json}                public requests: service_request_id, service_code, start_date, end_date, status
//   GET  requests/{id}.{xml,json}           one public request
//   GET  tokens/{token}.{xml,json}          the request created with Idempotency-Key {token} (api_key required)
// Errors are the spec's <errors><error><code/><description/></error></errors> (or a JSON array) with
// HTTP 403 (api_key), 404 (unknown resource, service_code, request, jurisdiction) or 400 (anything else).
// https://wiki.open311.org/GeoReport_v2/
//
// Idempotency: the spec has none, so a repeated POST creates another request — unless the client sends
// an Idempotency-Key header, which is honoured per client (scope "open311:<client>"): the same key and
// request return the first request; the key is also the "token" for GET tokens/{token}, to recover the
// id after a lost answer. Services are "realtime", so POST never returns a token itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../../../kit/db-errors.ts';
import { registerFormParser } from '../../../../platform/input-bounds.ts';
import { receiveFeedback } from '../../intake/receive-feedback.ts';
import type { IntakeServices } from '../../intake/receive-feedback.ts';
import type { FeedbackSubmission } from '../../intake/submission.ts';
import type { FeedbackStatus } from '../../prisma/generated/client.ts';
import { cleanText, deriveTitle } from '../webhooks/normalize.ts';
import { constantTimeEqual } from '../webhooks/signatures.ts';
import type { Open311Settings } from './config.ts';
import { CONTENT_TYPES, parseW3Datetime, renderErrors, renderList, renderOne, w3Datetime } from './format.ts';
import type { Open311Format } from './format.ts';
import { findCodeByToken, findServiceRequests, listServices, MAX_REQUESTS, serviceExists, STATUSES_BY_OPEN311, unitName } from './requests.ts';

/** An answer in the spec's error shape. */
class Open311Error extends Error {
  readonly status: 400 | 403 | 404;
  constructor(status: 400 | 403 | 404, description: string) {
    super(description);
    this.status = status;
  }
}

const NINETY_DAYS_MS = 90 * 86_400_000;
/** Where clients reach this endpoint through the gateway (when FEEDBACK_OPEN311_ENDPOINT_URL is unset). */
const GATEWAY_PATH = '/api/feedback/open311/v2';
const DESCRIPTION = { min: 10, max: 4000 };
const CODE_LIST_MAX = MAX_REQUESTS;

/** One parameter: absent and empty are the same ("Optional Arguments" in the spec). */
function parameter(source: URLSearchParams | Record<string, unknown>, name: string): string | undefined {
  const value = source instanceof URLSearchParams ? source.get(name) : source[name];
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' && first.trim().length > 0 ? first.trim() : undefined;
}

/** A comma-separated parameter as a list. */
function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return items.length > 0 ? items : undefined;
}

/** Register the Open311 routes on `app` (under /api). */
export async function registerOpen311Routes(app: FastifyInstance, services: IntakeServices & { readonly config: Open311Settings }): Promise<void> {
  const { db } = services;
  const { apiKeys, jurisdictionId, endpointUrl, contact } = services.config.open311;
  // The services change with a deployment (categories are seeded), so this process's start is their changeset.
  const changeset = w3Datetime(new Date());
  /** Service discovery: one production GeoReport v2 endpoint, both formats. */
  const discovery = (format: Open311Format): string =>
    renderOne(format, 'discovery', {
      changeset,
      contact,
      key_service: `${contact} (api_key for POST requests)`,
      endpoints: {
        element: 'endpoint',
        items: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: endpointUrl ?? GATEWAY_PATH,
            changeset,
            type: 'production',
            formats: { element: 'format', values: [CONTENT_TYPES.xml.split(';')[0] as string, CONTENT_TYPES.json.split(';')[0] as string] },
          },
        ],
      },
    });

  /** The client an api_key belongs to; every configured key is compared, in constant time. */
  function clientOf(apiKey: string | undefined): string | undefined {
    if (apiKey === undefined) return undefined;
    let client: string | undefined;
    for (const [key, name] of apiKeys) if (constantTimeEqual(key, apiKey)) client = name;
    return client;
  }
  function requireClient(source: URLSearchParams | Record<string, unknown>, action: string): string {
    const client = clientOf(parameter(source, 'api_key'));
    if (client === undefined) throw new Open311Error(403, `Missing or invalid api_key: can't proceed with ${action}.`);
    return client;
  }
  function checkJurisdiction(source: URLSearchParams | Record<string, unknown>): void {
    const given = parameter(source, 'jurisdiction_id');
    if (given !== undefined && given !== jurisdictionId) throw new Open311Error(404, `jurisdiction_id ${given} was not found; this endpoint serves ${jurisdictionId}.`);
  }

  async function createRequest(request: FastifyRequest, format: Open311Format): Promise<string> {
    const body = request.body;
    // A parsed form is a record of strings (the shared strict form parser); anything else arrived as bytes.
    if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) throw new Open311Error(400, 'POST requests takes an application/x-www-form-urlencoded body.');
    const form = body as Record<string, unknown>;
    const client = requireClient(form, 'create_request');
    checkJurisdiction(form);
    const serviceCode = parameter(form, 'service_code');
    if (serviceCode === undefined) throw new Open311Error(400, 'service_code was not provided.');
    if (!(await serviceExists(db, serviceCode))) throw new Open311Error(404, `service_code ${serviceCode} was not found.`);
    const latText = parameter(form, 'lat');
    const longText = parameter(form, 'long');
    if (latText === undefined || longText === undefined) {
      // Every item needs a point (its ward and its routing come from it), and nothing here geocodes.
      throw new Open311Error(
        400,
        (parameter(form, 'address_string') ?? parameter(form, 'address_id'))
          ? 'lat and long are required: this server does not geocode address_string or address_id.'
          : 'A location is required: send lat and long.',
      );
    }
    const lat = Number(latText);
    const lng = Number(longText);
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || !/^-?\d+(\.\d+)?$/.test(latText) || !/^-?\d+(\.\d+)?$/.test(longText))
      throw new Open311Error(400, 'lat and long must be decimal degrees (WGS 84).');
    const description = cleanText(parameter(form, 'description') ?? '');
    if (description.length < DESCRIPTION.min || description.length > DESCRIPTION.max) throw new Open311Error(400, `description must be ${DESCRIPTION.min} to ${DESCRIPTION.max} characters.`);
    const name = [parameter(form, 'first_name'), parameter(form, 'last_name')].filter((part) => part !== undefined).join(' ');
    const email = parameter(form, 'email');
    const phone = parameter(form, 'phone');
    const idempotencyKey = request.headers['idempotency-key'];
    const title = deriveTitle(description);
    const submission: FeedbackSubmission = {
      citizenId: null,
      // A partner's 311 app: the channel enum has no OPEN311 value.
      channel: 'APP',
      categoryCode: serviceCode,
      title: title.length >= 5 ? title : description.slice(0, 60),
      content: description,
      lat,
      lng,
      isAnonymous: false,
      // Open311 requests are public by design: GET requests lists them.
      isPublic: true,
      // A phone in a form our check does not know (a foreign number) is kept as given and flagged for staff.
      reporter: name || email || phone ? { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone, keepUnrecognizedPhone: true } : {}) } : undefined,
      idempotency: typeof idempotencyKey === 'string' ? { scope: `open311:${client}`, key: idempotencyKey } : undefined,
    };
    let item;
    try {
      ({ item } = await receiveFeedback(services, submission));
    } catch (error) {
      const code = (error as GraphQLError).extensions?.['code'];
      if (code === 'BAD_USER_INPUT' || code === 'IDEMPOTENCY_KEY_REUSED') throw new Open311Error(400, (error as GraphQLError).message);
      // Open311 errors carry an HTTP code and a description: the catalogue's code leads the description.
      if (code === 'LOCATION_OUTSIDE_JURISDICTION') throw new Open311Error(400, `${code}: ${(error as GraphQLError).message}`);
      throw error;
    }
    const unit = await unitName(db, item.unitCode);
    const notice = `${unit ? `Đã chuyển đến ${unit}. ` : ''}${item.dueAt ? `Hạn trả lời: ${w3Datetime(item.dueAt)}.` : ''}`.trim();
    return renderList(format, 'service_requests', 'request', [{ service_request_id: item.code, service_notice: notice || null, account_id: null }]);
  }

  async function listRequests(query: Record<string, unknown>, format: Open311Format): Promise<string> {
    const codes = list(parameter(query, 'service_request_id'));
    if (codes && codes.length > CODE_LIST_MAX) throw new Open311Error(400, `At most ${CODE_LIST_MAX} service_request_id at once.`);
    if (codes) return renderList(format, 'service_requests', 'request', await findServiceRequests(db, { codes }));
    const statuses: FeedbackStatus[] = [];
    for (const status of list(parameter(query, 'status')) ?? []) {
      if (status !== 'open' && status !== 'closed') throw new Open311Error(400, `status must be open or closed, not ${status}.`);
      statuses.push(...STATUSES_BY_OPEN311[status]);
    }
    const startText = parameter(query, 'start_date');
    const endText = parameter(query, 'end_date');
    const start = startText === undefined ? undefined : parseW3Datetime(startText);
    const end = endText === undefined ? undefined : parseW3Datetime(endText);
    if ((startText !== undefined && !start) || (endText !== undefined && !end))
      throw new Open311Error(400, 'start_date and end_date must be w3 datetimes with a time zone, e.g. 2026-11-01T00:00:00+07:00.');
    // The spec's window: the most recent 90 days by default, and never more than 90 days.
    const to = end ?? (start ? new Date(start.getTime() + NINETY_DAYS_MS) : new Date());
    const from = start ?? new Date(to.getTime() - NINETY_DAYS_MS);
    if (from > to) throw new Open311Error(400, 'start_date is after end_date.');
    if (to.getTime() - from.getTime() > NINETY_DAYS_MS) throw new Open311Error(400, 'start_date to end_date may not span more than 90 days.');
    const records = await findServiceRequests(db, { serviceCodes: list(parameter(query, 'service_code')), statuses: statuses.length > 0 ? statuses : undefined, from, to });
    return renderList(format, 'service_requests', 'request', records);
  }

  async function answer(request: FastifyRequest, reply: FastifyReply) {
    const path = (request.params as { '*': string })['*'];
    const match = /^(.+)\.(xml|json)$/.exec(path);
    const format: Open311Format = match?.[2] === 'json' ? 'json' : 'xml';
    const send = (status: number, body: string) => reply.code(status).type(CONTENT_TYPES[format]).send(body);
    try {
      if (!match) throw new Open311Error(404, 'No such resource: use services, requests or tokens with .xml or .json.');
      const [resource, id, extra] = (match[1] as string).split('/');
      if (extra !== undefined || resource === undefined || (id !== undefined && id.length === 0)) throw new Open311Error(404, 'No such resource.');
      const query = request.query as Record<string, unknown>;
      if (request.method === 'POST') {
        if (resource !== 'requests' || id !== undefined) throw new Open311Error(404, 'Only requests accepts POST.');
        return send(200, await createRequest(request, format));
      }
      checkJurisdiction(query);
      if (resource === 'discovery' && id === undefined) return send(200, discovery(format));
      if (resource === 'services' && id === undefined) return send(200, renderList(format, 'services', 'service', await listServices(db)));
      if (resource === 'services' && id !== undefined) {
        if (!(await serviceExists(db, id))) throw new Open311Error(404, `service_code ${id} was not found.`);
        return send(200, renderOne(format, 'service_definition', { service_code: id, attributes: { element: 'attribute', items: [] } }));
      }
      if (resource === 'requests' && id === undefined) return send(200, await listRequests(query, format));
      if (resource === 'requests' && id !== undefined) {
        const [found] = await findServiceRequests(db, { codes: [id] });
        if (!found) throw new Open311Error(404, `service_request_id ${id} was not found.`);
        return send(200, renderList(format, 'service_requests', 'request', [found]));
      }
      if (resource === 'tokens' && id !== undefined) {
        const client = requireClient(query, 'token lookup');
        const code = await findCodeByToken(db, client, id);
        if (code === undefined) throw new Open311Error(404, `token ${id} was not found.`);
        return send(200, renderList(format, 'service_requests', 'request', [{ service_request_id: code, token: id }]));
      }
      throw new Open311Error(404, 'No such resource.');
    } catch (error) {
      if (error instanceof Open311Error) return send(error.status, renderErrors(format, [{ code: error.status, description: error.message }]));
      // A database outage is a 503 with Retry-After (the kit's /api handler), not a "general service error".
      if (isDatabaseUnavailable(error)) throw error;
      // The spec's "general service error" is 400; the real error is logged with the request id.
      request.log.error({ err: error }, 'Open311 request failed');
      return send(400, renderErrors(format, [{ code: 400, description: 'General service error: the request could not be processed.' }]));
    }
  }

  await app.register(async (scope) => {
    // The spec posts forms; any other body reaches the handler as bytes and is refused there.
    scope.removeAllContentTypeParsers();
    // Strict: malformed escapes or non-UTF-8 bytes are refused (400) by the shared input bounds.
    registerFormParser(scope);
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.get('/open311/v2/*', answer);
    scope.post('/open311/v2/*', answer);
  });
}
