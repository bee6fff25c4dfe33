// The Friday summaries a leader has had, newest first (`weeklySummaries`), assembled in ../resolvers.ts:
// the same rows the weekly run wrote and sent to their inbox. The gateway's @policy admits leaders; the
// role check here holds whatever path a request took.
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import type { FeedbackContext } from '../services.ts';

/** Query resolvers of the summaries. */
export const summaryResolvers = {
  Query: {
    weeklySummaries: (_root: unknown, { first }: { first?: number | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'leader')) throw codedError('FORBIDDEN', 'Only leaders have Friday summaries.');
      return db.weeklySummary.findMany({ where: { leaderId: requireSubject(viewer) }, orderBy: { periodEnd: 'desc' }, take: pageSize(first, 12, 53) });
    },
  },
};
