// The public-service portal's planning page: GET /quy-hoach (three lookups, as GET forms so an answer
// is a link), GET /quy-hoach/phuong.json and /quy-hoach/thua.json (ward and parcel boundaries as GeoJSON
// for the map), POST /quy-hoach/bao-sai (a signed-in citizen reports wrong planning data: a 1022 item),
// and the map's files: Leaflet from node_modules and our script, from this origin (never a CDN).
//
// Reporting wrong planning data goes through the gateway in two steps with the citizen's token: the
// parcel is looked up by ward, sheet and number in the planning subgraph (an unknown one is refused with
// its NOT_FOUND), then submitFeedback files a QUY_HOACH item at the parcel's interior point with the
// parcel's reference in its title. The feedback intake keeps every check it has (scope, limits, ward by
// boundary, idempotency, routing); no subgraph calls another.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { askAnonymously, findError, rethrowUnlessUnavailable } from '../gateway-client.ts';
import type { GatewayResult } from '../gateway-client.ts';
import { EMPTY_PLANNING_FORMS, renderPlanning } from '../pages/planning.ts';
import type { PlanningAnswer, PlanningForms, PlanningPage } from '../pages/planning.ts';
import type { PortalRouteOptions } from '../replies.ts';
import { mapPagePolicy, wardCollection } from './map.ts';

const PARCEL = 'sheet number areaM2 address formerWardName ward { code name } location { lat lng } geometry(toleranceMeters: 0.2)';
const ZONE = 'code function maxDensityPct maxStoreys maxFar roadSetbackM geometry(toleranceMeters: 1)';
const SCHEME = 'name scale decisionNumber decisionDate authority documents { title url }';
const ANSWER = `point { lat lng } ward { code name } parcel { ${PARCEL} } zone { ${ZONE} } scheme { ${SCHEME} }`;
const AT = `query PortalPlanningAt($lat: Float!, $lng: Float!) { planningAt(lat: $lat, lng: $lng) { ${ANSWER} } }`;
const AT_VN2000 = `query PortalPlanningAtVn2000($x: Float!, $y: Float!, $province: Province!, $meridian: Float) {
  planningAtVn2000(x: $x, y: $y, province: $province, centralMeridian: $meridian) { ${ANSWER} } }`;
const BY_NUMBER = `query PortalParcelByNumber($ward: String!, $sheet: Int!, $number: Int!) {
  parcelByNumber(ward: $ward, sheet: $sheet, number: $number) { ${PARCEL} zone { ${ZONE} scheme { ${SCHEME} } } } }`;
const PARCELS_IN_BOX = `query PortalParcelsInBox($box: MapBox!) { parcelsInBox(box: $box, first: 1000) { sheet number ward { code } geometry(toleranceMeters: 0.2) } }`;
const REPORT_PARCEL = `query PortalReportParcel($ward: String!, $sheet: Int!, $number: Int!) { parcelByNumber(ward: $ward, sheet: $sheet, number: $number) { sheet number ward { code name } location { lat lng } } }`;
const SUBMIT = `mutation PortalReportPlanningData($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }`;

/** The feedback category of wrong planning data (subgraphs/feedback seed). */
const PLANNING_DATA_CATEGORY = 'QUY_HOACH';
/** A decimal number as typed: digits, one point or comma. */
const DECIMAL = /^-?\d{1,9}([.,]\d{1,12})?$/;
/** The largest side of a map box the API answers (planning lookups.ts). */
const MAX_BOX_DEGREES = 0.05;

/** What each coded refusal means to the person who typed the coordinates. */
const REFUSALS: Readonly<Record<string, string>> = {
  LOCATION_OUTSIDE_JURISDICTION: 'Điểm này nằm ngoài địa bàn thành phố. (Outside the city.)',
  VN2000_OUTSIDE_ZONE: 'Tọa độ VN-2000 không thuộc múi chiếu của kinh tuyến trục này; kiểm tra X, Y và kinh tuyến trục. (Outside the meridian’s zone.)',
  BAD_USER_INPUT: 'Giá trị nhập chưa hợp lệ. (Invalid input.)',
  TOO_MANY_REQUESTS: 'Quá nhiều lượt tra cứu từ địa chỉ này; vui lòng thử lại sau. (Too many lookups.)',
};
const NOT_FOUND: Readonly<Record<string, string>> = {
  ward: 'Không tìm thấy phường, xã với mã hoặc tên này. (Unknown ward.)',
  sheet: 'Phường, xã này không có tờ bản đồ số này. (No such sheet.)',
  number: 'Tờ bản đồ này không có thửa số này. (No such parcel.)',
};

/** Why a lookup was refused, as the page says it (with its code), and the status. */
function refusal(result: GatewayResult<unknown>): [number, string] {
  const error = result.errors[0];
  // Named so, not `code`: the error catalogue's scan reads `code = …` literals as raised codes.
  const given = String(error?.extensions?.code ?? 'ERROR');
  if (given === 'NOT_FOUND') return [404, `${NOT_FOUND[String(error?.extensions?.['field'])] ?? 'Không tìm thấy.'} (NOT_FOUND)`];
  return [given === 'TOO_MANY_REQUESTS' ? 429 : 400, `${REFUSALS[given] ?? error?.message ?? 'Không tra cứu được.'} (${given})`];
}

/** A query-string parameter as text ('' when absent or repeated), at most 200 characters. */
export function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
}

/** A typed decimal (comma or point), or undefined. */
function decimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** A positive integer as typed, or undefined. */
function whole(text: string): number | undefined {
  return /^\d{1,7}$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;
}

type ParcelAnswer = NonNullable<PlanningAnswer['parcel']> & { zone: NonNullable<PlanningAnswer['zone']> & { scheme: NonNullable<PlanningAnswer['scheme']> } };

/** Register the planning page. */
export async function planningRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const tiles = services.options.mapTiles;
  // Scripts from this origin only; tiles (when configured) from the tile server's host. The map's files: routes/map.ts.
  const policy = mapPagePolicy(services);
  const ask = <Data>(request: FastifyRequest, query: string, variables: Record<string, unknown>) => askAnonymously<Data>(services.gateway, request, query, variables);

  /** The page, with this page's own content security policy. */
  async function page(request: FastifyRequest, reply: FastifyReply, status: number, content: Omit<PlanningPage, 'tiles' | 'reportKey'>) {
    const frame = await replies.pageFrame(reply, await sessions.load(request));
    reply.header('content-security-policy', policy);
    return replies.html(reply, status, renderPlanning(frame, { ...content, tiles, reportKey: randomUUID() }));
  }

  /** Look up what the forms ask; undefined answer with nothing asked. */
  async function lookUp(request: FastifyRequest, forms: PlanningForms): Promise<{ status: number; answer?: PlanningAnswer; error?: string }> {
    const unavailable = { status: 503, error: 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)' };
    if (forms.lat || forms.lng) {
      const [lat, lng] = [decimal(forms.lat), decimal(forms.lng)];
      if (lat === undefined || lng === undefined) return { status: 400, error: 'Nhập vĩ độ và kinh độ dạng số thập phân, ví dụ 10.7769 và 106.7009. (Decimal degrees.)' };
      const result = await ask<{ planningAt?: PlanningAnswer | null }>(request, AT, { lat, lng });
      if (result === 'unavailable') return unavailable;
      if (result.data?.planningAt) return { status: 200, answer: result.data.planningAt };
      const [status, error] = refusal(result);
      return { status, error };
    }
    if (forms.x || forms.y) {
      const [x, y] = [decimal(forms.x), decimal(forms.y)];
      const meridian = forms.meridian ? decimal(forms.meridian) : null;
      if (x === undefined || y === undefined || meridian === undefined) return { status: 400, error: 'Nhập X, Y (mét) và kinh tuyến trục (độ) dạng số. (Numbers, in metres and degrees.)' };
      if (forms.province !== 'HCM' && forms.province !== 'DONG_THAP') return { status: 400, error: 'Chọn tỉnh, thành phố. (Choose the province.)' };
      const result = await ask<{ planningAtVn2000?: PlanningAnswer | null }>(request, AT_VN2000, { x, y, province: forms.province, meridian });
      if (result === 'unavailable') return unavailable;
      if (result.data?.planningAtVn2000) return { status: 200, answer: result.data.planningAtVn2000 };
      const [status, error] = refusal(result);
      return { status, error };
    }
    if (forms.ward || forms.sheet || forms.number) {
      const [sheet, number] = [whole(forms.sheet), whole(forms.number)];
      if (!forms.ward || sheet === undefined || number === undefined) return { status: 400, error: 'Nhập phường, xã và số tờ, số thửa (số nguyên dương). (Ward, sheet and parcel numbers.)' };
      const result = await ask<{ parcelByNumber?: ParcelAnswer | null }>(request, BY_NUMBER, { ward: forms.ward, sheet, number });
      if (result === 'unavailable') return unavailable;
      const parcel = result.data?.parcelByNumber;
      if (parcel) {
        const { zone, ...rest } = parcel;
        const { scheme, ...zoneOnly } = zone;
        return { status: 200, answer: { point: parcel.location, ward: parcel.ward, parcel: rest, zone: zoneOnly, scheme } };
      }
      const [status, error] = refusal(result);
      return { status, error };
    }
    return { status: 200 };
  }

  app.get('/quy-hoach', async (request, reply) => {
    const forms: PlanningForms = {
      lat: queryText(request, 'lat'),
      lng: queryText(request, 'lng'),
      x: queryText(request, 'x'),
      y: queryText(request, 'y'),
      province: queryText(request, 'tinh') || 'HCM',
      meridian: queryText(request, 'kt'),
      ward: queryText(request, 'phuong'),
      sheet: queryText(request, 'to'),
      number: queryText(request, 'thua'),
    };
    const { status, answer, error } = await lookUp(request, forms);
    return page(request, reply, status, { forms, ...(answer ? { answer } : {}), ...(error ? { error } : {}) });
  });

  // The map's layers, as GeoJSON FeatureCollections (public data; the gateway's limits apply).
  app.get('/quy-hoach/phuong.json', async (request, reply) => {
    const collection = await wardCollection(services, request);
    return collection ? reply.send(collection) : reply.code(503).send({ error: 'SERVICE_UNAVAILABLE' });
  });

  app.get('/quy-hoach/thua.json', async (request, reply) => {
    const [west, south, east, north] = ['w', 's', 'e', 'n'].map((key) => decimal(queryText(request, key)));
    if (west === undefined || south === undefined || east === undefined || north === undefined || west >= east || south >= north) {
      return reply.code(400).send({ error: 'BAD_USER_INPUT' });
    }
    if (east - west > MAX_BOX_DEGREES || north - south > MAX_BOX_DEGREES) return reply.code(400).send({ error: 'MAP_BOX_TOO_LARGE' });
    const result = await ask<{ parcelsInBox?: { sheet: number; number: number; ward: { code: string }; geometry: unknown }[] | null }>(request, PARCELS_IN_BOX, {
      box: { west, south, east, north },
    });
    if (result === 'unavailable') return reply.code(503).send({ error: 'SERVICE_UNAVAILABLE' });
    if (!result.data?.parcelsInBox) return reply.code(400).send({ error: String(result.errors[0]?.extensions?.code ?? 'ERROR') });
    return reply.send({
      type: 'FeatureCollection',
      features: result.data.parcelsInBox.map((parcel) => ({ type: 'Feature', properties: { ward: parcel.ward.code, sheet: parcel.sheet, number: parcel.number }, geometry: parcel.geometry })),
    });
  });

  app.post('/quy-hoach/bao-sai', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' ? body[key].trim() : '');
    const [ward, sheet, number, content] = [text('phuong').slice(0, 200), whole(text('to')), whole(text('thua')), text('noi-dung')];
    const back = `/quy-hoach?phuong=${encodeURIComponent(ward)}&to=${sheet ?? ''}&thua=${number ?? ''}`;
    const current = await sessions.load(request);
    if (!current?.session.user) return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(back)}`, 303);
    if (!sessions.csrfValid(current, body['csrf'])) return replies.csrfRefused(reply, current);
    const forms = { ...EMPTY_PLANNING_FORMS, ward, sheet: text('to').slice(0, 20), number: text('thua').slice(0, 20) };
    /** The parcel's page again, with the report's refusal under the form. */
    const refuse = async (status: number, error: string) => {
      const { answer } = await lookUp(request, forms);
      return page(request, reply, status, { forms, ...(answer ? { answer } : { error }), report: { error, content: content.slice(0, 4000) } });
    };
    if (!ward || sheet === undefined || number === undefined) return refuse(400, 'Thiếu phường, số tờ hoặc số thửa. (Ward, sheet and parcel are required.)');
    if (content.length < 10 || content.length > 4000) return refuse(400, 'Mô tả điều chưa đúng trong 10–4000 ký tự. (10 to 4000 characters.)');
    const found = await sessions
      .askGateway<{ parcelByNumber?: { sheet: number; number: number; ward: { code: string; name: string }; location: { lat: number; lng: number } } | null }>(reply, current, REPORT_PARCEL, {
        ward,
        sheet,
        number,
      })
      .catch(rethrowUnlessUnavailable);
    if (found === 'unavailable') return refuse(503, 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)');
    if (!found) return sessions.ended(reply);
    const parcel = found.data?.parcelByNumber;
    if (!parcel) return refuse(...refusal(found));
    const reference = `thửa ${parcel.number}, tờ ${parcel.sheet}, ${parcel.ward.name} (${parcel.ward.code})`;
    const created = await sessions
      .askGateway<{ submitFeedback?: { code: string } | null }>(reply, current, SUBMIT, {
        input: {
          categoryCode: PLANNING_DATA_CATEGORY,
          title: `Sai thông tin quy hoạch: ${reference}`.slice(0, 200),
          content: `Thửa đất: ${reference}.\n${content}`.slice(0, 5000),
          lat: parcel.location.lat,
          lng: parcel.location.lng,
          idempotencyKey: /^[\x21-\x7e]{1,255}$/.test(text('key')) ? text('key') : randomUUID(),
        },
      })
      .catch(rethrowUnlessUnavailable);
    if (created === 'unavailable') return refuse(503, 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)');
    if (!created) return sessions.ended(reply);
    if (findError(created, 'STEP_UP_REQUIRED')) return replies.stepUp(reply, back);
    const code = created.data?.submitFeedback?.code;
    if (!code) {
      const error = created.errors[0];
      return refuse(400, `Chưa gửi được: ${error?.message ?? 'lỗi không xác định'} (${error?.extensions?.code ?? 'ERROR'})`);
    }
    // The code goes in the one-time message, not the address: a link cannot show someone a report they did not send.
    current.session.flash = { kind: 'ok', text: `Đã gửi báo sai sót thông tin quy hoạch, mã phản ánh ${code}. Cảm ơn bạn! (Report sent.)` };
    await sessions.save(reply, current);
    return reply.redirect(`/quy-hoach?phuong=${encodeURIComponent(parcel.ward.code)}&to=${parcel.sheet}&thua=${parcel.number}`, 303);
  });
}
