// GraphQL fields of templates: the versions of a kind, a render with sample values, and saving a new
// version. The schema's @policy lets the communications office and leaders through; only the office
// writes templates.
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import type { DeliveryChannel, MessageKind, NotificationTemplate } from '../prisma/generated/client.ts';
import type { NotificationContext } from '../services.ts';
import { PLACEHOLDERS } from './catalogue.ts';
import { currentTemplate, listTemplateVersions, renderTemplate, saveTemplate, templatePlaceholders } from './templates.ts';
import type { TemplateInput, TemplateVersion } from './templates.ts';

/** At most this many sample values in one render. */
const MAX_VALUES = 50;

export const templateResolvers = {
  Query: {
    notificationTemplates: (_root: unknown, args: { kind: MessageKind; channel?: DeliveryChannel | null }, { db }: NotificationContext) =>
      listTemplateVersions(db, args.kind, args.channel ?? undefined),
    renderNotificationTemplate: async (
      _root: unknown,
      args: { kind: MessageKind; channel: DeliveryChannel; locale?: string | null; values: { name: string; value: string }[] },
      { db }: NotificationContext,
    ) => {
      if (args.values.length > MAX_VALUES) throw codedError('BAD_USER_INPUT', `At most ${MAX_VALUES} values.`, { field: 'values' });
      const template = await currentTemplate(db, args.kind, args.channel, args.locale ?? 'vi');
      const rendered = renderTemplate(template, Object.fromEntries(args.values.map(({ name, value }) => [name, value])));
      return { ...rendered, smsEncoding: rendered.sms?.encoding ?? null, smsSegments: rendered.sms?.segments ?? null };
    },
  },
  Mutation: {
    saveNotificationTemplate: (_root: unknown, { input }: { input: TemplateInput }, { db, viewer }: NotificationContext) => {
      if (!hasRole(viewer, 'communications')) throw codedError('FORBIDDEN', 'Only the communications office writes templates.');
      return saveTemplate(db, requireSubject(viewer), { ...input, locale: input.locale ?? 'vi' });
    },
  },
  NotificationTemplate: {
    placeholders: (template: TemplateVersion | NotificationTemplate) => templatePlaceholders(template),
    availablePlaceholders: (template: TemplateVersion | NotificationTemplate) => Object.keys(PLACEHOLDERS[template.kind as MessageKind]),
  },
};
