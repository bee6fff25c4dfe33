// Open311's view of feedback: categories are services, public items are service requests. Items pass
// through the public view (public-view/public-feedback.ts): public items only, never REJECTED ones, no reporter
// identity, and an anonymous reporter's point rounded to about 200 m.
import { findWardByCode } from '../../../kit/reference/wards.ts';
import type { FeedbackStatus, PrismaClient } from '../../prisma/generated/client.ts';
import { toPublicFeedback } from '../../public-view/public-feedback.ts';
import { w3Datetime } from './format.ts';
import type { Open311Record } from './format.ts';

/** open: reported and being handled; closed: resolved (RESOLVED, PUBLISHED, CLOSED). */
export const STATUSES_BY_OPEN311: Readonly<Record<'open' | 'closed', readonly FeedbackStatus[]>> = {
  open: ['RECEIVED', 'ROUTED', 'IN_PROGRESS', 'PROGRESS_REPORTED', 'RETURNED', 'REOPENED'],
  closed: ['RESOLVED', 'PUBLISHED', 'CLOSED'],
};

/** The spec's answer limit for GET requests. */
export const MAX_REQUESTS = 1000;
/** The spec's description limit. */
const DESCRIPTION_MAX = 4000;

/** Every category as a service: code, name, and its deadline in the description. */
export async function listServices(db: PrismaClient): Promise<Open311Record[]> {
  const categories = await db.category.findMany({ orderBy: { code: 'asc' } });
  return categories.map((category) => ({
    service_code: category.code,
    service_name: category.name,
    description: `${category.name}: trả lời trong ${category.deadlineHours} giờ làm việc.`,
    // No extra fields to fill in, and the request id comes back at once.
    metadata: false,
    type: 'realtime',
    keywords: category.name.split(/\s*[–—-]\s*/).join(', '),
    group: 'Phản ánh kiến nghị 1022',
  }));
}

/** Whether `code` is a service. */
export async function serviceExists(db: PrismaClient, code: string): Promise<boolean> {
  return (await db.category.findUnique({ where: { code }, select: { code: true } })) !== null;
}

/** Filters of GET requests (already validated). */
export interface RequestFilter {
  /** When given, overrides every other filter (the spec says so). */
  readonly codes?: readonly string[] | undefined;
  readonly serviceCodes?: readonly string[] | undefined;
  readonly statuses?: readonly FeedbackStatus[] | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

/** Public items as service requests, newest first, at most 1000. */
export async function findServiceRequests(db: PrismaClient, filter: RequestFilter): Promise<Open311Record[]> {
  const where = filter.codes
    ? { code: { in: [...filter.codes] } }
    : {
        ...(filter.serviceCodes ? { categoryCode: { in: [...filter.serviceCodes] } } : {}),
        ...(filter.statuses ? { status: { in: [...filter.statuses] } } : {}),
        receivedAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) },
      };
  const rows = await db.feedbackItem.findMany({
    // The public view's rule, first.
    where: { AND: [{ isPublic: true, status: { not: 'REJECTED' } }, where] },
    include: { category: { select: { name: true } }, unit: { select: { name: true } } },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
    take: MAX_REQUESTS,
  });
  return rows.map((row) => {
    const item = toPublicFeedback(row);
    const ward = findWardByCode(item.wardCode);
    const closed = STATUSES_BY_OPEN311.closed.includes(item.status);
    return {
      service_request_id: item.code,
      status: closed ? 'closed' : 'open',
      status_notes: item.resultText,
      service_name: row.category.name,
      service_code: item.categoryCode,
      description: item.content.length > DESCRIPTION_MAX ? `${item.content.slice(0, DESCRIPTION_MAX - 1)}…` : item.content,
      agency_responsible: row.unit?.name ?? null,
      service_notice: null,
      requested_datetime: w3Datetime(item.receivedAt),
      updated_datetime: w3Datetime(row.updatedAt),
      expected_datetime: item.dueAt ? w3Datetime(item.dueAt) : null,
      address: ward ? `${ward.name}, ${ward.province === 'HCM' ? 'Thành phố Hồ Chí Minh' : 'Tỉnh Đồng Tháp'}` : null,
      address_id: null,
      zipcode: null,
      lat: item.location.lat,
      long: item.location.lng,
      media_url: null,
    };
  });
}

/** The item an Open311 client created with Idempotency-Key `token` (the client's own keys only). */
export async function findCodeByToken(db: PrismaClient, client: string, token: string): Promise<string | undefined> {
  const row = await db.feedbackIdempotency.findUnique({ where: { scope_key: { scope: `open311:${client}`, key: token } }, select: { item: { select: { code: true } } } });
  return row?.item.code;
}

/** The unit name an item went to, for the service notice. */
export async function unitName(db: PrismaClient, unitCode: string | null): Promise<string | undefined> {
  if (unitCode === null) return undefined;
  return (await db.unit.findUnique({ where: { code: unitCode }, select: { name: true } }))?.name;
}
