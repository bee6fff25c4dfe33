// The public view of feedback: only items the reporter allowed to be public, never who reported them,
// and for anonymous reporters only an approximate location, so their home cannot be found from it.
import type { FeedbackItem, FeedbackStatus, PrismaClient } from '../prisma/generated/client.ts';

/** Grid of about 200 m (0.002° of latitude) for anonymous reporters' points. */
const ANONYMOUS_GRID_DEGREES = 0.002;

/** What anyone may see of an item. */
export interface PublicFeedback {
  readonly code: string;
  readonly title: string;
  readonly content: string;
  readonly categoryCode: string;
  readonly status: FeedbackStatus;
  readonly wardCode: string;
  readonly location: { readonly lat: number; readonly lng: number };
  readonly unitCode: string | null;
  readonly receivedAt: Date;
  readonly dueAt: Date | null;
  readonly resultText: string | null;
}

function roundTo(value: number, step: number): number {
  return Math.round(Math.round(value / step) * step * 1e6) / 1e6;
}

/** The public shape of an item; the reporter's id and flags never leave this function. */
export function toPublicFeedback(item: FeedbackItem): PublicFeedback {
  const location = item.isAnonymous ? { lat: roundTo(item.lat, ANONYMOUS_GRID_DEGREES), lng: roundTo(item.lng, ANONYMOUS_GRID_DEGREES) } : { lat: item.lat, lng: item.lng };
  return {
    code: item.code,
    title: item.title,
    content: item.content,
    categoryCode: item.categoryCode,
    status: item.status,
    wardCode: item.wardCode,
    location,
    unitCode: item.unitCode,
    receivedAt: item.receivedAt,
    dueAt: item.dueAt,
    resultText: item.status === 'PUBLISHED' || item.status === 'CLOSED' ? item.resultText : null,
  };
}

/** Public items, newest first, optionally by ward, category and status. */
export async function listPublicFeedback(
  db: PrismaClient,
  filter: { wardCode?: string | undefined; categoryCode?: string | undefined; status?: FeedbackStatus | undefined; first: number },
): Promise<PublicFeedback[]> {
  const rows = await db.feedbackItem.findMany({
    where: {
      isPublic: true,
      status: filter.status ?? { not: 'REJECTED' },
      ...(filter.wardCode ? { wardCode: filter.wardCode } : {}),
      ...(filter.categoryCode ? { categoryCode: filter.categoryCode } : {}),
    },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
    take: filter.first,
  });
  return rows.map(toPublicFeedback);
}

/** One public item by code (null when missing or not public). */
export async function findPublicFeedback(db: PrismaClient, code: string): Promise<PublicFeedback | null> {
  const item = await db.feedbackItem.findUnique({ where: { code } });
  return item && item.isPublic && item.status !== 'REJECTED' ? toPublicFeedback(item) : null;
}
