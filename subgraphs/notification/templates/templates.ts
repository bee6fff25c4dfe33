// Versioned templates: saving checks the placeholders against the kind's, the parts against the channel's
// and an SMS template's worst case against SMS_MAX_SEGMENTS, then writes the next version; rendering takes
// the newest version (the built-in one until a version is saved) and fills it, refusing missing values.
import { codedError } from '../../../schema/errors.ts';
import type { DeliveryChannel, MessageKind, NotificationTemplate, PrismaClient } from '../prisma/generated/client.ts';
import { builtInTemplate, CHANNEL_PARTS, PLACEHOLDERS, SMS_MAX_SEGMENTS } from './catalogue.ts';
import type { TemplateParts } from './catalogue.ts';
import { checkPlaceholders, fill, fillHtml, placeholdersOf, smsLength } from './render.ts';
import type { SmsLength, TemplateValues } from './render.ts';

/** Languages a template may be written in: Vietnamese first, English optional. */
export const TEMPLATE_LOCALES = ['vi', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** Part bounds (characters). */
const SUBJECT_MAX = 200;
const BODY_MAX = 5000;
const HTML_MAX = 20000;

/** A template as staff write it. */
export interface TemplateInput {
  readonly kind: MessageKind;
  readonly channel: DeliveryChannel;
  readonly locale: string;
  readonly subject?: string | null;
  readonly body: string;
  readonly html?: string | null;
}

/** A template version to show: the built-in one has version 0 and no author. */
export interface TemplateVersion extends TemplateParts {
  readonly kind: MessageKind;
  readonly channel: DeliveryChannel;
  readonly locale: string;
  readonly version: number;
  readonly createdBy: string | null;
  readonly createdAt: Date | null;
}

/** A rendered message. */
export interface Rendered {
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  /** The template version used (0: built-in). */
  readonly version: number;
  /** SMS only: encoding and segments. */
  readonly sms: SmsLength | null;
}

function part(value: string | null | undefined, field: string, max: number, wanted: boolean, channel: DeliveryChannel): string | null {
  const text = value?.trim() ?? '';
  if (!wanted) {
    if (text.length > 0) throw codedError('BAD_USER_INPUT', `${channel} templates have no ${field}.`, { field });
    return null;
  }
  if (text.length === 0 || text.length > max) throw codedError('BAD_USER_INPUT', `${field} is required (at most ${max} characters).`, { field });
  return text;
}

/** The worst-case SMS of `body`: every placeholder at its longest (non-GSM where its values may be). */
export function worstCaseSms(kind: MessageKind, body: string): SmsLength {
  const offered = PLACEHOLDERS[kind];
  const filled = body.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_match, name: string) => {
    const placeholder = offered[name];
    return placeholder ? (placeholder.gsm ? '0' : 'Ư').repeat(placeholder.maxLength) : '';
  });
  return smsLength(filled);
}

function tooLongForSms(length: SmsLength, what: string): never {
  throw codedError('TEMPLATE_TOO_LONG_FOR_SMS', `${what} takes ${length.segments} ${length.encoding} segments; at most ${SMS_MAX_SEGMENTS} are sent.`, {
    encoding: length.encoding,
    segments: length.segments,
    maxSegments: SMS_MAX_SEGMENTS,
  });
}

/** Check a template; returns its parts. */
export function checkTemplate(input: TemplateInput): TemplateParts {
  if (!(TEMPLATE_LOCALES as readonly string[]).includes(input.locale)) throw codedError('BAD_USER_INPUT', `locale must be one of ${TEMPLATE_LOCALES.join(', ')}.`, { field: 'locale' });
  const wanted = CHANNEL_PARTS[input.channel];
  const parts: TemplateParts = {
    subject: part(input.subject, 'subject', SUBJECT_MAX, wanted.subject, input.channel),
    body: part(input.body, 'body', BODY_MAX, true, input.channel) as string,
    html: part(input.html, 'html', HTML_MAX, wanted.html, input.channel),
  };
  const allowed = new Set(Object.keys(PLACEHOLDERS[input.kind]));
  for (const field of ['subject', 'body', 'html'] as const) {
    const text = parts[field];
    if (text !== null) checkPlaceholders(text, allowed, field);
  }
  if (input.channel === 'SMS') {
    const length = worstCaseSms(input.kind, parts.body);
    if (length.segments > SMS_MAX_SEGMENTS) tooLongForSms(length, 'At its longest, this SMS');
  }
  return parts;
}

/** Save `input` as the next version, by `actorId`. */
export async function saveTemplate(db: PrismaClient, actorId: string, input: TemplateInput, now = new Date()): Promise<NotificationTemplate> {
  const parts = checkTemplate(input);
  for (let attempt = 0; ; attempt += 1) {
    const latest = await db.notificationTemplate.findFirst({ where: { kind: input.kind, channel: input.channel, locale: input.locale }, orderBy: { version: 'desc' }, select: { version: true } });
    try {
      const saved = await db.notificationTemplate.create({
        data: { kind: input.kind, channel: input.channel, locale: input.locale, version: (latest?.version ?? 0) + 1, ...parts, createdBy: actorId, createdAt: now },
      });
      templatesInUse.delete(db);
      return saved;
    } catch (error) {
      // Another save took this version number meanwhile (P2002): take the next.
      if ((error as { code?: string }).code === 'P2002' && attempt < 5) continue;
      throw error;
    }
  }
}

function fromRow(row: NotificationTemplate): TemplateVersion {
  return {
    kind: row.kind as MessageKind,
    channel: row.channel,
    locale: row.locale,
    version: row.version,
    subject: row.subject,
    body: row.body,
    html: row.html,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

function builtIn(kind: MessageKind, channel: DeliveryChannel): TemplateVersion {
  return { kind, channel, locale: 'vi', version: 0, ...builtInTemplate(kind, channel), createdBy: null, createdAt: null };
}

// The template in use for each kind, channel and locale, kept TEMPLATE_CACHE_MS: every event of a burst
// renders with the same one, and reading it again for each was a database round trip per event. A save
// in this process clears it at once; another replica's save is in use within TEMPLATE_CACHE_MS.
const TEMPLATE_CACHE_MS = 5_000;
const templatesInUse = new WeakMap<PrismaClient, Map<string, { readonly until: number; readonly template: Promise<TemplateVersion> }>>();

/** The template in use for `kind` on `channel` in `locale`: the newest saved, else Vietnamese, else built-in. */
export function currentTemplate(db: PrismaClient, kind: MessageKind, channel: DeliveryChannel, locale: string = 'vi'): Promise<TemplateVersion> {
  let cache = templatesInUse.get(db);
  if (cache === undefined) templatesInUse.set(db, (cache = new Map<string, { readonly until: number; readonly template: Promise<TemplateVersion> }>()));
  const key = `${kind} ${channel} ${locale}`;
  const now = Date.now();
  const kept = cache.get(key);
  if (kept !== undefined && kept.until > now) return kept.template;
  const template = readCurrentTemplate(db, kind, channel, locale);
  cache.set(key, { until: now + TEMPLATE_CACHE_MS, template });
  // A failed read is not kept.
  template.catch(() => cache.get(key)?.template === template && cache.delete(key));
  return template;
}

async function readCurrentTemplate(db: PrismaClient, kind: MessageKind, channel: DeliveryChannel, locale: string): Promise<TemplateVersion> {
  const rows = await db.notificationTemplate.findMany({ where: { kind, channel, locale: { in: [locale, 'vi'] } }, orderBy: { version: 'desc' } });
  const row = rows.find((candidate) => candidate.locale === locale) ?? rows.find((candidate) => candidate.locale === 'vi');
  return row ? fromRow(row) : builtIn(kind, channel);
}

/** Every version of a kind's templates, newest first, the built-in ones last. */
export async function listTemplateVersions(db: PrismaClient, kind: MessageKind, channel: DeliveryChannel | undefined): Promise<TemplateVersion[]> {
  const rows = await db.notificationTemplate.findMany({ where: { kind, ...(channel ? { channel } : {}) }, orderBy: [{ channel: 'asc' }, { locale: 'asc' }, { version: 'desc' }] });
  const channels: DeliveryChannel[] = channel ? [channel] : ['IN_APP', 'EMAIL', 'SMS', 'ZALO'];
  return [...rows.map(fromRow), ...channels.map((one) => builtIn(kind, one))];
}

/** Render a template version with `values` (TEMPLATE_PLACEHOLDER_MISSING, TEMPLATE_TOO_LONG_FOR_SMS). */
export function renderTemplate(template: TemplateVersion, values: TemplateValues): Rendered {
  const text = fill(template.body, values);
  const sms = template.channel === 'SMS' ? smsLength(text) : null;
  if (sms && sms.segments > SMS_MAX_SEGMENTS) tooLongForSms(sms, 'This SMS');
  return { subject: template.subject === null ? null : fill(template.subject, values), text, html: template.html === null ? null : fillHtml(template.html, values), version: template.version, sms };
}

/** The placeholders a template uses (for previews). */
export function templatePlaceholders(template: TemplateParts): string[] {
  return [...new Set([template.subject, template.body, template.html].flatMap((text) => (text === null ? [] : placeholdersOf(text))))];
}
