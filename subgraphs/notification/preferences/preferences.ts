// A person's notification preferences: default channels, channels per kind, quiet hours, and the wards
// and topics whose notices their feed shows. Absent fields keep their value (null clears quiet hours); a
// person without a row has the defaults: in-app only, no quiet hours, nothing followed. In-app is always on.
import { codedError } from '../../../schema/errors.ts';
import { findWardByCode } from '../../kit/reference/wards.ts';
import { isNoticeTopic } from '../notices/topics.ts';
import type { DeliveryChannel, MessageKind, Preference, Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { clockOf, minuteOfDay } from './channels.ts';
import type { ChannelPreferences } from './channels.ts';

/** At most this many followed wards, and topics. */
export const MAX_FOLLOWED = 20;

/** What a person may change. */
export interface PreferencesInput {
  readonly wardCodes?: readonly string[] | null;
  readonly topics?: readonly string[] | null;
  /** Default channels beyond in-app (IN_APP may be listed; it is on regardless). */
  readonly channels?: readonly DeliveryChannel[] | null;
  /** Replaces every per-kind choice. */
  readonly kindChannels?: readonly { kind: MessageKind; channels: readonly DeliveryChannel[] }[] | null;
  /** Absent: unchanged; null: none. */
  readonly quietHours?: { start: string; end: string } | null;
}

/** The defaults of a person who never set anything: in-app only, no quiet hours, nothing followed. */
export function defaultPreferences(citizenId: string): Preference {
  return { citizenId, inApp: true, sms: false, email: false, zalo: false, wardCodes: [], topics: [], kindChannels: {}, quietStart: null, quietEnd: null };
}

/** The channel rules' view of a preference row. */
export function channelPreferences(preference: Preference): ChannelPreferences {
  return { ...preference, kindChannels: (preference.kindChannels ?? {}) as ChannelPreferences['kindChannels'] };
}

function codes(values: readonly string[], field: string, known: (code: string) => boolean): string[] {
  const distinct = [...new Set(values.map((value) => value.trim()))].sort();
  if (distinct.length > MAX_FOLLOWED) throw codedError('BAD_USER_INPUT', `At most ${MAX_FOLLOWED} ${field}.`, { field });
  const unknown = distinct.filter((code) => !known(code));
  if (unknown.length > 0) throw codedError('BAD_USER_INPUT', `Unknown ${field}.`, { field, unknown: unknown.slice(0, 10) });
  return distinct;
}

function quietHours(input: { start: string; end: string } | null): { quietStart: number | null; quietEnd: number | null } {
  if (input === null) return { quietStart: null, quietEnd: null };
  const start = minuteOfDay(input.start);
  const end = minuteOfDay(input.end);
  if (start === undefined || end === undefined) throw codedError('BAD_USER_INPUT', 'Quiet hours are HH:MM (00:00 to 23:59), Việt Nam time.', { field: 'quietHours' });
  if (start === end) throw codedError('BAD_USER_INPUT', 'Quiet hours must start and end at different times.', { field: 'quietHours' });
  return { quietStart: start, quietEnd: end };
}

/** Change `citizenId`'s preferences; returns them whole. */
export async function updatePreferences(db: PrismaClient, citizenId: string, input: PreferencesInput): Promise<Preference> {
  const data: Prisma.PreferenceUpdateInput & { wardCodes?: string[]; topics?: string[] } = {};
  if (input.wardCodes) data.wardCodes = codes(input.wardCodes, 'wardCodes', (code) => findWardByCode(code) !== undefined);
  if (input.topics) data.topics = codes(input.topics, 'topics', isNoticeTopic);
  if (input.channels) {
    const chosen = new Set(input.channels);
    Object.assign(data, { inApp: true, email: chosen.has('EMAIL'), sms: chosen.has('SMS'), zalo: chosen.has('ZALO') });
  }
  if (input.kindChannels) {
    const kinds = input.kindChannels.map((entry) => entry.kind);
    if (new Set(kinds).size !== kinds.length) throw codedError('BAD_USER_INPUT', 'Each kind at most once.', { field: 'kindChannels' });
    data.kindChannels = Object.fromEntries(input.kindChannels.map((entry) => [entry.kind, [...new Set(entry.channels.filter((channel) => channel !== 'IN_APP'))].sort()]));
  }
  if (input.quietHours !== undefined) Object.assign(data, quietHours(input.quietHours));
  const defaults = defaultPreferences(citizenId);
  return db.preference.upsert({
    where: { citizenId },
    create: { ...defaults, kindChannels: defaults.kindChannels as Prisma.InputJsonValue, ...(data as Prisma.PreferenceCreateInput) },
    update: data,
  });
}

/** The GraphQL view of quiet hours. */
export function quietHoursOf(preference: Preference): { start: string; end: string } | null {
  return preference.quietStart === null || preference.quietEnd === null ? null : { start: clockOf(preference.quietStart), end: clockOf(preference.quietEnd) };
}

/** The GraphQL view of per-kind channels (in-app first, as always on). */
export function kindChannelsOf(preference: Preference): { kind: string; channels: DeliveryChannel[] }[] {
  return Object.entries((preference.kindChannels ?? {}) as Record<string, DeliveryChannel[]>)
    .map(([kind, channels]) => ({ kind, channels: ['IN_APP' as const, ...channels] }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}
