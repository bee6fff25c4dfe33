// The 1022 centre's call log: an operator who answered a call or an SMS — from the knowledge base
// (the dossier subgraph's `answer`), by recording a feedback item, or by referring the caller on —
// logs how it ended. The question is the operator's own short summary: operators read it back, nothing
// else does (no event, no log line carries it).
import { codedError } from '../../../schema/errors.ts';
import type { CallOutcome, CallRecord, Channel, PrismaClient } from '../prisma/generated/client.ts';

/** What an operator logs (LogCallInput). */
export interface CallInput {
  readonly channel: Channel;
  readonly outcome: CallOutcome;
  readonly question: string;
  readonly sourceTitle?: string | null;
  readonly sourceLink?: string | null;
  readonly feedbackCode?: string | null;
}

/** The channels a call log entry may have: the ones an operator takes for a caller. */
const CALL_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['PHONE', 'SMS']);
const QUESTION = { min: 3, max: 500 };
const SOURCE_TITLE_MAX = 300;
const SOURCE_LINK_MAX = 500;

function refuse(field: string, message: string): never {
  throw codedError('BAD_USER_INPUT', message, { field });
}

/** Trimmed text within bounds, without control characters (a summary is one paragraph). */
function text(field: string, value: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) refuse(field, `${field} must be ${min} to ${max} characters.`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) refuse(field, `${field} must not contain control characters.`);
  return trimmed;
}

/** An https (or http) address, as the knowledge base's sources are. */
function link(value: string): string {
  const trimmed = text('sourceLink', value, 1, SOURCE_LINK_MAX);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse('sourceLink', 'sourceLink must be an absolute http(s) address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('sourceLink', 'sourceLink must be an absolute http(s) address.');
  return url.href;
}

/** Check and store one call, as `operatorId`. A recorded call names the item it became, which must exist. */
export async function logCall(db: PrismaClient, input: CallInput, operatorId: string): Promise<CallRecord> {
  if (!CALL_CHANNELS.has(input.channel)) refuse('channel', 'A call is logged for PHONE or SMS.');
  const question = text('question', input.question, QUESTION.min, QUESTION.max);
  const sourceTitle = input.sourceTitle == null || input.sourceTitle.trim() === '' ? null : text('sourceTitle', input.sourceTitle, 1, SOURCE_TITLE_MAX);
  const sourceLink = input.sourceLink == null || input.sourceLink.trim() === '' ? null : link(input.sourceLink);
  const feedbackCode = input.feedbackCode == null || input.feedbackCode.trim() === '' ? null : input.feedbackCode.trim();
  if (input.outcome === 'ANSWERED' && sourceTitle === null) refuse('sourceTitle', 'An answered call names the source it was answered from.');
  if (input.outcome === 'FEEDBACK_RECORDED') {
    if (feedbackCode === null) refuse('feedbackCode', 'A call recorded as feedback names the item.');
  }
  if (feedbackCode !== null) {
    if (feedbackCode.length > 64) refuse('feedbackCode', 'feedbackCode must be at most 64 characters.');
    const item = await db.feedbackItem.findUnique({ where: { code: feedbackCode }, select: { id: true } });
    if (!item) refuse('feedbackCode', 'No feedback item has this code.');
  }
  return db.callRecord.create({ data: { channel: input.channel, outcome: input.outcome, question, sourceTitle, sourceLink, feedbackCode, operatorId } });
}

/** The centre's latest calls, newest first. */
export function listCalls(db: PrismaClient, first: number): Promise<CallRecord[]> {
  return db.callRecord.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: first });
}
