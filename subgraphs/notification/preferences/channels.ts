// Which channels a notification goes out on, and when: in-app always; beyond it, the channels a person
// chose for that kind, else their default channels. Quiet hours (Việt Nam time) hold back every channel
// but in-app until they end; emergencies ignore them.
import { vietnamWallClock } from '../../../platform/vietnam-time.ts';
import type { DeliveryChannel, MessageKind } from '../prisma/generated/client.ts';

/** The part of a person's preferences these rules read. */
export interface ChannelPreferences {
  readonly sms: boolean;
  readonly email: boolean;
  readonly zalo: boolean;
  /** Per kind, the channels chosen instead of the defaults. */
  readonly kindChannels: Readonly<Partial<Record<MessageKind, readonly DeliveryChannel[]>>>;
  /** Minutes after midnight, Việt Nam time; both null: no quiet hours. */
  readonly quietStart: number | null;
  readonly quietEnd: number | null;
}

const DAY_MINUTES = 24 * 60;

/** The channels `kind` goes out on for this person, in-app first and always. */
export function channelsFor(preferences: ChannelPreferences, kind: MessageKind): DeliveryChannel[] {
  const chosen = preferences.kindChannels[kind];
  const extra: DeliveryChannel[] = chosen
    ? chosen.filter((channel) => channel !== 'IN_APP')
    : [...(preferences.email ? ['EMAIL' as const] : []), ...(preferences.sms ? ['SMS' as const] : []), ...(preferences.zalo ? ['ZALO' as const] : [])];
  return ['IN_APP', ...new Set(extra)];
}

/** Whether minute-of-day `minute` is inside [start, end), a window that may wrap past midnight. */
function inside(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a message on `channel` may be sent: `now`, or the end of the person's quiet hours when `now` is
 * inside them. In-app and emergencies are never held.
 */
export function sendableAt(preferences: ChannelPreferences, channel: DeliveryChannel, now: Date, emergency: boolean): Date {
  const { quietStart: start, quietEnd: end } = preferences;
  if (channel === 'IN_APP' || emergency || start === null || end === null || start === end) return now;
  const local = vietnamWallClock(now);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (!inside(minute, start, end)) return now;
  const wait = (end - minute + DAY_MINUTES) % DAY_MINUTES;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** "22:30" → 1350; undefined when not HH:MM. */
export function minuteOfDay(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** 1350 → "22:30". */
export function clockOf(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
