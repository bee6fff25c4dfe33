// A channel message becomes a feedback item through the same intake as the portal's (receiveFeedback),
// keyed by the platform's message id so that a redelivered message returns its first item.
//
// Where the item is filed (decision, see docs/workflow-1022.md, "Channels and webhooks"):
// - with a point (a shared location, a map link or coordinates in the text): there, in the category its
//   #hashtag names (else the default), routed like any item, public;
// - without one: at the configured default point, in the default category (which routes to the 1022
//   centre), not public (its point is not where the problem is, so it must not reach public maps or
//   Open311), marked locationConfirmed=false (the operators' queue: unplacedFeedback, then
//   relocateFeedback) and its title starts with "[Chưa rõ vị trí]" so anyone reading it sees why.
//   Nothing the citizen sent is dropped for want of a location.
import type { GraphQLError } from 'graphql';
import { receiveFeedback } from '../../intake/receive-feedback.ts';
import type { IntakeServices } from '../../intake/receive-feedback.ts';
import type { FeedbackSubmission, ReporterContact } from '../../intake/submission.ts';
import { UNPLACED_TITLE_PREFIX } from '../../workflow/relocate.ts';
import type { WebhookSettings } from './config.ts';
import { categoryFromHashtags, cleanText, CONTENT_MIN, deriveContent, deriveTitle, idempotencyKeyOf, locationFromText, truncate } from './normalize.ts';
import type { InboundMessage } from './normalize.ts';

/** What became of one message. */
export type MessageOutcome = { readonly code: string; readonly replayed: boolean; readonly located: boolean } | { readonly ignored: 'MESSAGE_TOO_SHORT' };

/** Marks the title of an item filed at the default point. */
export const UNLOCATED_TITLE_PREFIX = UNPLACED_TITLE_PREFIX;

const CHANNEL_LABEL = { EMAIL: 'e-mail', ZALO: 'Zalo', FACEBOOK: 'Facebook', VIBER: 'Viber' } as const;
// As intake validates them (intake/submission.ts): anything else is left out rather than refused.
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/;

function reporterOf(message: InboundMessage): ReporterContact | undefined {
  const name = message.sender.name === undefined ? undefined : truncate(cleanText(message.sender.name).replace(/\s+/g, ' '), 100);
  const email = message.sender.email !== undefined && EMAIL.test(message.sender.email) ? message.sender.email : undefined;
  // The platform's user id is how the centre answers on that channel: kept as the reporter's address.
  const address = message.sender.platformId === undefined ? undefined : truncate(`${message.channel.toLowerCase()}:${message.sender.platformId}`, 300);
  const reporter = { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(address ? { address } : {}) };
  return Object.keys(reporter).length > 0 ? reporter : undefined;
}

/** The submission for a message, or undefined when it is too short to be a report. */
export function submissionOf(message: InboundMessage, settings: WebhookSettings['webhooks'], keywords: ReadonlyMap<string, string>): FeedbackSubmission | undefined {
  const body = cleanText(message.text);
  const subject = message.subject === undefined ? undefined : cleanText(message.subject);
  const content = deriveContent(subject !== undefined && body.length < CONTENT_MIN ? `${subject}\n\n${body}`.trim() : body);
  if (content.length < CONTENT_MIN) return undefined;
  const everything = subject === undefined ? content : `${subject}\n${content}`;
  const location = message.location ?? locationFromText(everything);
  let title = deriveTitle(subject !== undefined && subject.length >= 5 ? subject : content);
  if (title.length < 5) title = `Phản ánh qua ${CHANNEL_LABEL[message.channel]}`;
  const point = location ?? settings.defaultLocation;
  return {
    citizenId: null,
    channel: message.channel,
    categoryCode: location ? (categoryFromHashtags(everything, keywords) ?? settings.defaultCategory) : settings.defaultCategory,
    title: location ? title : `${UNLOCATED_TITLE_PREFIX}${title}`,
    content,
    lat: point.lat,
    lng: point.lng,
    isAnonymous: false,
    isPublic: location !== undefined,
    locationConfirmed: location !== undefined,
    reporter: reporterOf(message),
    idempotency: { scope: `webhook:${message.channel}`, key: idempotencyKeyOf(message.messageId) },
  };
}

/**
 * Record one message. A redelivery returns the first item (replayed); so does a redelivery whose
 * normalized form changed since (the defaults were reconfigured): the platform's id names one message.
 */
export async function intakeMessage(intake: IntakeServices, message: InboundMessage, settings: WebhookSettings['webhooks'], keywords: ReadonlyMap<string, string>): Promise<MessageOutcome> {
  const submission = submissionOf(message, settings, keywords);
  if (!submission?.idempotency) return { ignored: 'MESSAGE_TOO_SHORT' };
  try {
    const { item, replayed } = await receiveFeedback(intake, submission);
    return { code: item.code, replayed, located: submission.isPublic };
  } catch (error) {
    if ((error as GraphQLError).extensions?.['code'] !== 'IDEMPOTENCY_KEY_REUSED') throw error;
    const { scope, key } = submission.idempotency;
    const earlier = await intake.db.feedbackIdempotency.findUnique({ where: { scope_key: { scope, key } }, select: { item: { select: { code: true, isPublic: true } } } });
    if (!earlier) throw error;
    return { code: earlier.item.code, replayed: true, located: earlier.item.isPublic };
  }
}
