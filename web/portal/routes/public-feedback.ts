// The 1022 portal's public reports, for anyone (no sign-in), through the API's public view only:
//   GET /cong-khai               list + map; filters phuong (ward), linh-vuc (category), trang-thai (status),
//                                or lat + lng (a tapped place: its ward, from the planning API's planningAt)
//   GET /cong-khai/tra-cuu?ma=   look an item up by its code (a well-formed code goes to its page)
//   GET /cong-khai/:code         one public item (`publicFeedbackItem`: a private or missing one is 404)
// GET forms, so an answer is a link; a bad filter or code is a coded 400 page with the form kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { askAnonymously } from '../gateway-client.ts';
import { EMPTY_PUBLIC_FILTERS, renderLookup, renderPublicItem, renderPublicList } from '../pages/public-feedback.ts';
import type { PublicFilters, PublicItemView } from '../pages/public-feedback.ts';
import { FEEDBACK_STATUS } from '../pages/feedback.ts';
import type { PortalRouteOptions } from '../replies.ts';
import { FEEDBACK_CODE } from './feedback-item.ts';
import { mapPagePolicy } from './map.ts';
import { queryText } from './planning.ts';

const PUBLIC_ITEM = 'code title content category { code name } status wardCode location { lat lng } unit { name } receivedAt dueAt resultText photos { id kind width height }';
const LIST = `query PortalPublicFeedback($ward: String, $category: String, $status: FeedbackStatus) {
  publicFeedback(wardCode: $ward, categoryCode: $category, status: $status, first: 50) { ${PUBLIC_ITEM} }
  wards { code name } feedbackCategories { code name } }`;
const ONE = `query PortalPublicFeedbackItem($code: String!) { publicFeedbackItem(code: $code) { ${PUBLIC_ITEM} } }`;
const PLACE = 'query PortalPublicPlace($lat: Float!, $lng: Float!) { planningAt(lat: $lat, lng: $lng) { ward { code name } } }';

/** Codes as the API spells them: wards (P-BEN-THANH), categories (GIAO_THONG). */
const WARD_CODE = /^[A-Z0-9-]{1,40}$/;
const CATEGORY_CODE = /^[A-Z0-9_]{1,40}$/;
const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;
const UNAVAILABLE = 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)';

/** Register the public pages. */
export async function publicFeedbackRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const policy = mapPagePolicy(services);
  const tiles = services.options.mapTiles;
  const ask = <Data>(request: FastifyRequest, query: string, variables: Record<string, unknown>) => askAnonymously<Data>(services.gateway, request, query, variables);

  app.get('/cong-khai', async (request, reply) => {
    const filters: PublicFilters = {
      ward: queryText(request, 'phuong'),
      category: queryText(request, 'linh-vuc'),
      status: queryText(request, 'trang-thai'),
      lat: queryText(request, 'lat'),
      lng: queryText(request, 'lng'),
    };
    const problems = [
      filters.ward && !WARD_CODE.test(filters.ward) ? 'phường (ward)' : '',
      filters.category && !CATEGORY_CODE.test(filters.category) ? 'lĩnh vực (category)' : '',
      filters.status && (!(filters.status in FEEDBACK_STATUS) || filters.status === 'REJECTED') ? 'trạng thái (status)' : '',
      (filters.lat || filters.lng) && !(DECIMAL.test(filters.lat) && DECIMAL.test(filters.lng)) ? 'vị trí (place)' : '',
    ].filter(Boolean);
    if (problems.length) return list(request, reply, EMPTY_PUBLIC_FILTERS, 400, `Bộ lọc không hợp lệ: ${problems.join(', ')}. (BAD_USER_INPUT)`);
    let place: { lat: number; lng: number; wardName: string } | undefined;
    let ward = filters.ward;
    if (filters.lat) {
      const [lat, lng] = [Number(filters.lat), Number(filters.lng)];
      const found = await ask<{ planningAt?: { ward?: { code: string; name: string } | null } | null }>(request, PLACE, { lat, lng });
      if (found === 'unavailable') return list(request, reply, filters, 503, UNAVAILABLE);
      const at = found.data?.planningAt?.ward;
      if (!at) {
        const given = String(found.errors[0]?.extensions?.code ?? 'NOT_FOUND');
        const outside = given === 'LOCATION_OUTSIDE_JURISDICTION' ? 'Điểm này nằm ngoài địa bàn thành phố. (Outside the city.)' : 'Không xác định được phường của điểm này. (No ward here.)';
        return list(request, reply, { ...filters, lat: '', lng: '' }, 400, `${outside} (${given})`);
      }
      place = { lat, lng, wardName: at.name };
      ward = at.code;
    }
    return list(request, reply, { ...filters, ward }, 200, undefined, place);
  });

  app.get('/cong-khai/tra-cuu', async (request, reply) => {
    const code = queryText(request, 'ma').toUpperCase();
    const frame = await replies.pageFrame(reply, await sessions.load(request));
    if (!code) return replies.html(reply, 200, renderLookup(frame, ''));
    if (!FEEDBACK_CODE.test(code)) return replies.html(reply, 400, renderLookup(frame, code, 'Mã phản ánh có dạng PHA và 12 chữ số, ví dụ PHA261000483917. (Malformed code.) (BAD_USER_INPUT)'));
    return reply.redirect(`/cong-khai/${code}`, 303);
  });

  app.get('/cong-khai/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const current = await sessions.load(request);
    if (!FEEDBACK_CODE.test(code)) {
      const frame = await replies.pageFrame(reply, current);
      return replies.html(reply, 400, renderLookup(frame, code.slice(0, 40), 'Mã phản ánh có dạng PHA và 12 chữ số, ví dụ PHA261000483917. (Malformed code.) (BAD_USER_INPUT)'));
    }
    const result = await ask<{ publicFeedbackItem?: PublicItemView | null }>(request, ONE, { code });
    if (result === 'unavailable') return replies.errorPage(reply, current, 503, 'Dịch vụ tạm thời gián đoạn', UNAVAILABLE, 'SERVICE_UNAVAILABLE');
    const item = result.data?.publicFeedbackItem;
    const frame = await replies.pageFrame(reply, current);
    // A private, rejected or missing item look the same: the public view has none of them.
    if (!item) return replies.html(reply, 404, renderLookup(frame, code, `Không có phản ánh công khai mã ${code}. (No public item with this code.) (NOT_FOUND)`));
    return replies.html(reply, 200, renderPublicItem(frame, item));
  });

  /** The list page with its map (its own content security policy: the map's script and styles). */
  async function list(request: FastifyRequest, reply: FastifyReply, filters: PublicFilters, status: number, error?: string, place?: { lat: number; lng: number; wardName: string }) {
    const result = await ask<{
      publicFeedback?: PublicItemView[] | null;
      wards?: { code: string; name: string }[] | null;
      feedbackCategories?: { code: string; name: string }[] | null;
    }>(request, LIST, { ward: filters.ward || null, category: filters.category || null, status: filters.status || null });
    const frame = await replies.pageFrame(reply, await sessions.load(request));
    reply.header('content-security-policy', policy);
    const base = { filters, tiles, place };
    if (result === 'unavailable') return replies.html(reply, 503, renderPublicList(frame, { ...base, wards: [], categories: [], items: undefined, error: UNAVAILABLE }));
    const failed = result.data?.publicFeedback ? undefined : `Không tải được danh sách. (${String(result.errors[0]?.extensions?.code ?? 'ERROR')})`;
    return replies.html(
      reply,
      status,
      renderPublicList(frame, {
        ...base,
        wards: result.data?.wards ?? [],
        categories: result.data?.feedbackCategories ?? [],
        items: result.data?.publicFeedback ?? undefined,
        error: error ?? failed,
      }),
    );
  }
}
