// The GraphQL entries of intake: a citizen's own submission (portal, app) and a 1022 operator's record
// of a caller's (phone, SMS). Both end in receiveFeedback over the subgraph's services.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import type { FeedbackContext } from '../services.ts';
import { receiveFeedback } from './receive-feedback.ts';
import type { FeedbackSubmission, ReporterContact } from './submission.ts';

interface SubmitFeedbackInput {
  categoryCode: string;
  title: string;
  content: string;
  lat: number;
  lng: number;
  isAnonymous?: boolean | null;
  isPublic?: boolean | null;
  idempotencyKey?: string | null;
  photoIds?: readonly string[] | null;
}
interface RecordFeedbackInput extends SubmitFeedbackInput {
  channel: 'PHONE' | 'SMS';
  reporter?: { name?: string | null; phone?: string | null; email?: string | null; address?: string | null } | null;
}

/** GraphQL input (nulls for absent fields) → what intake takes. */
function submission(input: SubmitFeedbackInput, who: Pick<FeedbackSubmission, 'citizenId' | 'channel' | 'recordedBy'>, keyScope: string, reporter?: ReporterContact): FeedbackSubmission {
  return {
    ...who,
    categoryCode: input.categoryCode,
    title: input.title,
    content: input.content,
    lat: input.lat,
    lng: input.lng,
    isAnonymous: input.isAnonymous ?? false,
    isPublic: input.isPublic ?? true,
    reporter,
    idempotency: input.idempotencyKey == null ? undefined : { scope: keyScope, key: input.idempotencyKey },
    photoIds: input.photoIds ?? undefined,
  };
}

function contactOf(input: RecordFeedbackInput['reporter']): ReporterContact | undefined {
  if (!input) return undefined;
  return { name: input.name ?? undefined, phone: input.phone ?? undefined, email: input.email ?? undefined, address: input.address ?? undefined };
}

/** Mutation resolvers of intake. */
export const intakeResolvers = {
  Mutation: {
    submitFeedback: async (_root: unknown, { input }: { input: SubmitFeedbackInput }, { services, viewer }: FeedbackContext) => {
      const citizenId = requireSubject(viewer);
      return (await receiveFeedback(services, submission(input, { citizenId, channel: 'WEB' }, `citizen:${citizenId}`))).item;
    },
    recordFeedback: async (_root: unknown, { input }: { input: RecordFeedbackInput }, { services, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators record items for callers.');
      const operator = requireSubject(viewer);
      const recorded = submission(input, { citizenId: null, channel: input.channel, recordedBy: operator }, `operator:${operator}`, contactOf(input.reporter));
      return (await receiveFeedback(services, recorded)).item;
    },
  },
} satisfies GraphQLResolverMap<FeedbackContext>;
