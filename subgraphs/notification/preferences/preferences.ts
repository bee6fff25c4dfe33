// A person's notification preferences: the wards and topics whose notices their feed shows. Absent
// fields keep their value; a person without a row has the defaults (in-app only, nothing followed).
import { codedError } from '../../../schema/errors.ts';
import { findWardByCode } from '../../kit/reference/wards.ts';
import { isNoticeTopic } from '../notices/topics.ts';
import type { Preference, PrismaClient } from '../prisma/generated/client.ts';

/** At most this many followed wards, and topics. */
export const MAX_FOLLOWED = 20;

/** What a person may change. */
export interface PreferencesInput {
  readonly wardCodes?: readonly string[] | null;
  readonly topics?: readonly string[] | null;
}

/** The defaults of a person who never set anything: in-app only, nothing followed. */
export function defaultPreferences(citizenId: string): Preference {
  return { citizenId, inApp: true, sms: false, email: false, zalo: false, wardCodes: [], topics: [] };
}

function codes(values: readonly string[], field: string, known: (code: string) => boolean): string[] {
  const distinct = [...new Set(values.map((value) => value.trim()))].sort();
  if (distinct.length > MAX_FOLLOWED) throw codedError('BAD_USER_INPUT', `At most ${MAX_FOLLOWED} ${field}.`, { field });
  const unknown = distinct.filter((code) => !known(code));
  if (unknown.length > 0) throw codedError('BAD_USER_INPUT', `Unknown ${field}.`, { field, unknown: unknown.slice(0, 10) });
  return distinct;
}

/** Change `citizenId`'s preferences; returns them whole. */
export async function updatePreferences(db: PrismaClient, citizenId: string, input: PreferencesInput): Promise<Preference> {
  const data: { wardCodes?: string[]; topics?: string[] } = {};
  if (input.wardCodes) data.wardCodes = codes(input.wardCodes, 'wardCodes', (code) => findWardByCode(code) !== undefined);
  if (input.topics) data.topics = codes(input.topics, 'topics', isNoticeTopic);
  return db.preference.upsert({ where: { citizenId }, create: { ...defaultPreferences(citizenId), ...data }, update: data });
}
