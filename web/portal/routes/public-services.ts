// The public-service portal's pages for anyone, signed in or not: GET/POST /tra-cuu (track a dossier by
// code and verifier), GET /thu-tuc (catalogue search), GET /thu-tuc/:code (a procedure), GET /hoi-dap
// (the answers box), GET /hoi-dap/:code (an FAQ entry) and GET /thong-ke (agencies' published results). They ask the gateway without a token — the
// fields they read are public — and pass the browser's address for the gateway's per-address limits.
//
// The tracking form posts (the verifier stays out of URLs, logs and history) and carries no CSRF token:
// it changes nothing a victim owns, and what another site could make a browser do with it — spend
// guesses on a code — anyone can do from their own machine; the hub throttles per code either way.
import { vietnamDate, vietnamMidnight } from '../../../platform/vietnam-time.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { askAnonymously, findError } from '../gateway-client.ts';
import type { GatewayResult } from '../gateway-client.ts';
import { renderAnswers, renderCatalogue, renderFaq, renderProcedure, renderStatistics, renderTracking } from '../pages/public-services.ts';
import type { AgencyFiguresView, AnswerPage, DossierTrackingView, FaqView, FieldOption, ProcedureRow, ProcedureView } from '../pages/public-services.ts';
import type { PortalRouteOptions } from '../replies.ts';

const PROCEDURE_ROW = 'code name field processingDays feeVnd onlineLevel agency { name }';
const TRACK = `query PortalTrackDossier($code: String!, $verifier: String!) { dossierLookup(code: $code, verifier: $verifier) {
  code status procedure { code name } agency { name } receivedAt dueAt rescheduledDueAt returnedAt overdue
  steps { kind status agency { name } occurredAt name dueAt newDueAt } } }`;
const SEARCH = `query PortalCatalogue($search: String, $field: String) { procedures(search: $search, field: $field, first: 30) { ${PROCEDURE_ROW} } catalogueFields { name procedureCount } }`;
const FIELDS = `query PortalCatalogueFields { catalogueFields { name procedureCount } }`;
const PROCEDURE = `query PortalProcedure($code: String!) { procedure(code: $code) { ${PROCEDURE_ROW} requiredDocuments legalBasis fees { description amountVnd } steps } }`;
const ANSWER = `query PortalAnswer($question: String!) { answer(question: $question, first: 3) { known suggestFeedback message items { kind confidence title text procedure { code } faqEntry { code } } } }`;
const STATISTICS = `query PortalAgencyStatistics($from: DateTime!, $to: DateTime!) { agencyStatistics(from: $from, to: $to) {
  agency { code name } rank received closedEarly closedOnTime closedLate openWithinTerm openOverdue onTimeRate } }`;
const FAQ = `query PortalFaq($code: String!) { faqEntry(code: $code) { code question answer sources agency { name } procedures { code name } updatedAt } }`;

/** Longest question or search the pages send (the API refuses longer with BAD_USER_INPUT; the page says so first). */
const MAX_QUESTION = 500;
/** A dossier code: agency code, date, sequence; letters, digits, dots and dashes. */
const DOSSIER_CODE = /^[A-Za-z0-9.-]{1,64}$/;
/** The receipt PIN (6 digits) or the owner's phone's last 4 digits. */
const VERIFIER = /^(\d{4}|\d{6})$/;

/** Register the public pages of Cổng dịch vụ công. */
export async function publicServiceRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  /** Ask the gateway without a token; 'unavailable' when it cannot be reached. */
  const ask = <Data>(request: FastifyRequest, query: string, variables: Record<string, unknown>) => askAnonymously<Data>(services.gateway, request, query, variables);
  /** The page frame: the signed-in person when there is one (the pages are the same either way). */
  const frameFor = async (request: FastifyRequest, reply: FastifyReply) => replies.pageFrame(reply, await sessions.load(request));
  const unavailable = async (request: FastifyRequest, reply: FastifyReply) =>
    replies.errorPage(reply, await sessions.load(request), 503, 'Dịch vụ tạm thời gián đoạn', 'Không kết nối được cổng API. (The API gateway is unavailable.)', 'SERVICE_UNAVAILABLE');

  app.get('/tra-cuu', async (request, reply) => replies.html(reply, 200, renderTracking(await frameFor(request, reply), { code: queryText(request, 'code') })));

  app.post('/tra-cuu', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const code = typeof form['code'] === 'string' ? form['code'].trim() : '';
    const verifier = typeof form['verifier'] === 'string' ? form['verifier'].trim() : '';
    const frame = await frameFor(request, reply);
    const refuse = (status: number, error: string) => replies.html(reply, status, renderTracking(frame, { code: DOSSIER_CODE.test(code) ? code : '', error }));
    if (!DOSSIER_CODE.test(code)) return refuse(400, 'Mã hồ sơ không hợp lệ. (Enter the dossier code from your receipt.)');
    if (!VERIFIER.test(verifier)) return refuse(400, 'Mã tra cứu gồm 6 chữ số, hoặc nhập 4 số cuối điện thoại. (The PIN has 6 digits; or the last 4 phone digits.)');
    const result = await ask<{ dossierLookup?: DossierTrackingView | null }>(request, TRACK, { code, verifier });
    if (result === 'unavailable') return unavailable(request, reply);
    const tracking = result.data?.dossierLookup;
    if (tracking) return replies.html(reply, 200, renderTracking(frame, { code }, tracking));
    const [status, message] = trackingRefusal(result);
    return refuse(status, message);
  });

  app.get('/thu-tuc', async (request, reply) => {
    const search = queryText(request, 'q').slice(0, MAX_QUESTION);
    const field = queryText(request, 'field').slice(0, 200);
    const searching = search !== '' || field !== '';
    const result = await ask<{ procedures?: ProcedureRow[] | null; catalogueFields?: FieldOption[] | null }>(
      request,
      searching ? SEARCH : FIELDS,
      searching ? { ...(search ? { search } : {}), ...(field ? { field } : {}) } : {},
    );
    if (result === 'unavailable') return unavailable(request, reply);
    const error = result.errors[0];
    const page = {
      search,
      field,
      fields: result.data?.catalogueFields ?? [],
      results: searching ? (result.data?.procedures ?? []) : undefined,
      ...(error ? { error: `${error.message} (${error.extensions?.code ?? 'ERROR'})` } : {}),
    };
    return replies.html(reply, error && !result.data?.procedures ? 400 : 200, renderCatalogue(await frameFor(request, reply), page));
  });

  app.get('/thu-tuc/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const result = await ask<{ procedure?: ProcedureView | null }>(request, PROCEDURE, { code });
    if (result === 'unavailable') return unavailable(request, reply);
    const procedure = result.data?.procedure;
    if (!procedure) return replies.errorPage(reply, await sessions.load(request), 404, 'Không tìm thấy thủ tục', 'Không có thủ tục với mã này. (No procedure with this code.)', 'NOT_FOUND');
    return replies.html(reply, 200, renderProcedure(await frameFor(request, reply), procedure));
  });

  app.get('/hoi-dap', async (request, reply) => {
    const question = queryText(request, 'q');
    const links = services.options.links ?? [];
    const feedbackUrl = (links.find((link) => link.label.includes('1022')) ?? links[0])?.url;
    const base = { question: question.slice(0, MAX_QUESTION), ...(feedbackUrl ? { feedbackUrl } : {}) };
    const frame = await frameFor(request, reply);
    if (question.trim() === '') return replies.html(reply, 200, renderAnswers(frame, base));
    if (question.length > MAX_QUESTION)
      return replies.html(reply, 400, renderAnswers(frame, { ...base, error: `Câu hỏi dài quá ${MAX_QUESTION} ký tự. (Questions are limited to ${MAX_QUESTION} characters.)` }));
    const result = await ask<{ answer?: AnswerPage['answer'] | null }>(request, ANSWER, { question });
    if (result === 'unavailable') return unavailable(request, reply);
    const answer = result.data?.answer;
    if (!answer) {
      const error = result.errors[0];
      return replies.html(reply, 400, renderAnswers(frame, { ...base, error: `${error?.message ?? 'Không trả lời được.'} (${error?.extensions?.code ?? 'ERROR'})` }));
    }
    return replies.html(reply, 200, renderAnswers(frame, { ...base, answer }));
  });

  app.get('/thong-ke', async (request, reply) => {
    // Default: this year so far, in local dates (inclusive), as the national portal shows it.
    const today = vietnamDate(Date.now());
    const from = queryText(request, 'tu') || `${today.slice(0, 4)}-01-01`;
    const to = queryText(request, 'den') || today;
    const frame = await frameFor(request, reply);
    const start = vietnamMidnight(from);
    const last = vietnamMidnight(to);
    if (!start || !last) return replies.html(reply, 400, renderStatistics(frame, { from: '', to: '', rows: undefined, error: 'Ngày không hợp lệ (YYYY-MM-DD). (Invalid date.)' }));
    const end = new Date(last.getTime() + 86_400_000);
    const result = await ask<{ agencyStatistics?: AgencyFiguresView[] | null }>(request, STATISTICS, { from: start.toISOString(), to: end.toISOString() });
    if (result === 'unavailable') return unavailable(request, reply);
    const rows = result.data?.agencyStatistics ?? undefined;
    const error = result.errors[0];
    return replies.html(reply, rows ? 200 : 400, renderStatistics(frame, { from, to, rows, ...(error ? { error: `${error.message} (${error.extensions?.code ?? 'ERROR'})` } : {}) }));
  });

  app.get('/hoi-dap/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const result = await ask<{ faqEntry?: FaqView | null }>(request, FAQ, { code });
    if (result === 'unavailable') return unavailable(request, reply);
    const entry = result.data?.faqEntry;
    if (!entry) return replies.errorPage(reply, await sessions.load(request), 404, 'Không tìm thấy câu hỏi', 'Không có câu hỏi với mã này. (No such question.)', 'NOT_FOUND');
    return replies.html(reply, 200, renderFaq(await frameFor(request, reply), entry));
  });
}

/** A query-string parameter as text ('' when absent or repeated). */
function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** Why a lookup found nothing, as the page says it, with the status it answers. */
function trackingRefusal(result: GatewayResult<unknown>): [number, string] {
  const retry = (code: string) => {
    const seconds = Number(findError(result, code)?.extensions?.['retryAfterSeconds'] ?? 0);
    return seconds > 0 ? ` Thử lại sau ${Math.ceil(seconds / 60)} phút. (Retry in ${Math.ceil(seconds / 60)} min.)` : '';
  };
  if (findError(result, 'LOOKUP_LOCKED')) return [429, `Tra cứu mã hồ sơ này tạm khóa vì nhập sai nhiều lần.${retry('LOOKUP_LOCKED')}`];
  if (findError(result, 'LOOKUP_THROTTLED')) return [429, `Bạn đã nhập sai nhiều lần; vui lòng chờ rồi thử lại.${retry('LOOKUP_THROTTLED')}`];
  if (findError(result, 'TOO_MANY_REQUESTS')) return [429, 'Quá nhiều lượt tra cứu từ địa chỉ này; vui lòng thử lại sau. (Too many lookups.)'];
  if (findError(result, 'NOT_FOUND') || result.errors.length === 0)
    return [404, 'Không tìm thấy hồ sơ với mã và mã tra cứu này. Kiểm tra lại giấy tiếp nhận. (No dossier with this code and verifier.)'];
  const error = result.errors[0]!;
  return [400, `${error.message} (${error.extensions?.code ?? 'ERROR'})`];
}
