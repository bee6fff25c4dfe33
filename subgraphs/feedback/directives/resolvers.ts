// Resolvers for directives (chỉ đạo điều hành), assembled in ../resolvers.ts. The gateway's @policy admits
// leaders, operators and officers; the role and unit checks here hold whatever path a request took.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { hasRole } from '../../../auth/viewer.ts';
import type { Viewer } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import type { Directive, DirectiveTargetKind } from '../prisma/generated/client.ts';
import type { FeedbackContext as Context } from '../services.ts';
import { isLate, isRecipientOverdue, issueDirective, listDirectives, listUnitDirectives, replyToDirective } from './directives.ts';
import type { DirectiveStatus, RecipientView } from './directives.ts';

interface IssueDirectiveInput {
  target: { kind: DirectiveTargetKind; code: string };
  content: string;
  dueAt: Date;
}

/** Leaders and operators see every recipient; an officer sees only their own unit's row. */
function seesAllRecipients(viewer: Viewer): boolean {
  return hasRole(viewer, 'leader') || hasRole(viewer, 'operator');
}

function officerUnit(viewer: Viewer): string {
  if (!hasRole(viewer, 'officer') || viewer.unit === undefined) throw codedError('FORBIDDEN', "Only unit officers see and answer their unit's directives.");
  return viewer.unit;
}

async function visibleRecipients(directive: Directive, { loaders, viewer }: Context): Promise<RecipientView[]> {
  const rows = await loaders.directiveRecipients.load(directive.id);
  const visible = seesAllRecipients(viewer) ? rows : rows.filter((row) => viewer.unit !== undefined && row.unitCode === viewer.unit);
  return visible.map((row) => ({ ...row, dueAt: directive.dueAt }));
}

/** Query, Mutation and type resolvers for directives. */
export const directiveResolvers = {
  Query: {
    directives: (_root: unknown, args: { status?: DirectiveStatus | null; first?: number | null }, { db, viewer }: Context) => {
      // Operators follow every directive; a leader, their own.
      const operator = hasRole(viewer, 'operator');
      if (!operator && !hasRole(viewer, 'leader')) throw codedError('FORBIDDEN', 'Only leaders and 1022 operators see directives.');
      return listDirectives(db, { leaderId: operator ? undefined : requireSubject(viewer), status: args.status ?? undefined, first: pageSize(args.first, 20) });
    },
    unitDirectives: (_root: unknown, args: { first?: number | null }, { db, viewer }: Context) => listUnitDirectives(db, officerUnit(viewer), pageSize(args.first, 20)),
  },
  Mutation: {
    issueDirective: (_root: unknown, { input }: { input: IssueDirectiveInput }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'leader')) throw codedError('FORBIDDEN', 'Only leaders may issue directives.');
      return issueDirective(db, requireSubject(viewer), { targetKind: input.target.kind, targetCode: input.target.code, content: input.content, dueAt: input.dueAt });
    },
    replyToDirective: (_root: unknown, args: { code: string; content: string }, { db, viewer }: Context) =>
      replyToDirective(db, args.code, { subject: requireSubject(viewer), unit: officerUnit(viewer) }, args.content),
  },
  Directive: {
    target: (directive: Directive) => ({ kind: directive.targetKind, code: directive.targetCode }),
    recipients: (directive: Directive, _args: unknown, context: Context) => visibleRecipients(directive, context),
    overdue: async (directive: Directive, _args: unknown, context: Context) => {
      const now = new Date();
      return (await visibleRecipients(directive, context)).some((recipient) => isRecipientOverdue(recipient, now));
    },
    answered: async (directive: Directive, _args: unknown, context: Context) => {
      const recipients = await visibleRecipients(directive, context);
      return recipients.length > 0 && recipients.every((recipient) => recipient.repliedAt !== null);
    },
  },
  DirectiveRecipient: {
    unit: (recipient: RecipientView, _args: unknown, { loaders }: Context) => loaders.unit.load(recipient.unitCode),
    late: (recipient: RecipientView) => isLate(recipient),
    overdue: (recipient: RecipientView) => isRecipientOverdue(recipient),
    directive: (recipient: RecipientView, _args: unknown, { loaders }: Context) => loaders.directive.load(recipient.directiveId),
  },
} satisfies GraphQLResolverMap<Context>;
