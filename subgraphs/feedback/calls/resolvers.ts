// Resolvers for the operators' call log, assembled in ../resolvers.ts. The gateway's @policy admits
// operators; the role check here holds whatever path a request took.
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import type { FeedbackContext } from '../services.ts';
import { listCalls, logCall } from './calls.ts';
import type { CallInput } from './calls.ts';

function requireOperator(viewer: FeedbackContext['viewer']): void {
  if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators keep the call log.');
}

/** Query and Mutation resolvers of the call log. */
export const callResolvers = {
  Query: {
    callLog: (_root: unknown, { first }: { first?: number | null }, { db, viewer }: FeedbackContext) => {
      requireOperator(viewer);
      return listCalls(db, pageSize(first, 50));
    },
  },
  Mutation: {
    logCall: (_root: unknown, { input }: { input: CallInput }, { db, viewer }: FeedbackContext) => {
      requireOperator(viewer);
      return logCall(db, input, requireSubject(viewer));
    },
  },
};
