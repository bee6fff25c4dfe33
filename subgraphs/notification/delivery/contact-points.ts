// Contact points: where a person may be reached beyond the app. The hub's identity provider holds the
// e-mail and phone of an account, but subgraphs never see them (the internal token carries none), and
// this subgraph keeps only what it needs: the addresses a person registers here for the channels they
// choose, one per channel, removable at any time. verified_at stays null until verification (a code sent
// to the address) is built; until then an address is used as registered. Addresses are never logged,
// never in errors or events, and shown back to their owner masked.
import { codedError } from '../../../schema/errors.ts';
import type { ContactPoint, DeliveryChannel, PrismaClient } from '../prisma/generated/client.ts';

const EMAIL = /^[^\s@<>(),;:"[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// A Vietnamese mobile number: 0 or 84 / +84, then a mobile prefix (3, 5, 7, 8, 9) and eight digits.
const MOBILE = /^(?:0|\+?84)[35789]\d{8}$/;

/** The address as stored, or BAD_USER_INPUT (the message never repeats the address). */
export function readAddress(channel: DeliveryChannel, address: string): string {
  const trimmed = address.trim();
  switch (channel) {
    case 'EMAIL':
      if (trimmed.length > 254 || !EMAIL.test(trimmed)) throw codedError('BAD_USER_INPUT', 'Not an e-mail address.', { field: 'address' });
      return trimmed.toLowerCase();
    case 'SMS':
    case 'ZALO': {
      const digits = trimmed.replace(/[\s.-]/g, '');
      if (!MOBILE.test(digits)) throw codedError('BAD_USER_INPUT', 'Not a Vietnamese mobile number.', { field: 'address' });
      return digits.startsWith('0') ? digits : `0${digits.replace(/^\+?84/, '')}`;
    }
    case 'IN_APP':
      throw codedError('BAD_USER_INPUT', 'In-app messages need no address.', { field: 'channel' });
  }
}

/** `an.nguyen@example.vn` → `a•••@example.vn`; `0901234567` → `•••••••567`. */
export function maskAddress(channel: DeliveryChannel, address: string): string {
  if (channel === 'EMAIL') {
    const [local = '', domain = ''] = address.split('@');
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  return `${'•'.repeat(Math.max(0, address.length - 3))}${address.slice(-3)}`;
}

/** Register (or replace) `citizenId`'s address on `channel`; a new address is unverified. */
export function setContactPoint(db: PrismaClient, citizenId: string, channel: DeliveryChannel, address: string): Promise<ContactPoint> {
  const stored = readAddress(channel, address);
  return db.contactPoint.upsert({
    where: { citizenId_channel: { citizenId, channel } },
    create: { citizenId, channel, address: stored },
    update: { address: stored, verifiedAt: null },
  });
}

/** Remove it; what is still queued for it fails (NO_CONTACT_POINT) instead of being sent. */
export async function removeContactPoint(db: PrismaClient, citizenId: string, channel: DeliveryChannel): Promise<boolean> {
  const { count } = await db.contactPoint.deleteMany({ where: { citizenId, channel } });
  return count > 0;
}
