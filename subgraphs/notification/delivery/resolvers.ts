// GraphQL fields of delivery: a person's contact points (masked), and for the communications office the
// deliveries by state (the dead letters among them), retrying one, and the development sink's record.
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { assertSelf, requireSubject } from '../../kit/access.ts';
import type { CitizenRef } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import { isUuid } from '../../kit/scalars.ts';
import type { ContactPoint, DeliveryChannel, DeliveryStatus } from '../prisma/generated/client.ts';
import type { NotificationContext } from '../services.ts';
import { maskAddress, removeContactPoint, setContactPoint } from './contact-points.ts';

export const deliveryResolvers = {
  Query: {
    deliveries: (_root: unknown, args: { status?: DeliveryStatus | null; channel?: DeliveryChannel | null; first?: number | null }, { db }: NotificationContext) =>
      db.delivery.findMany({
        where: { ...(args.status ? { status: args.status } : {}), ...(args.channel ? { channel: args.channel } : {}) },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        take: pageSize(args.first, 20),
      }),
    sinkMessages: (_root: unknown, args: { channel?: DeliveryChannel | null; first?: number | null }, { services, viewer }: NotificationContext) => {
      if (services.config.production || !hasRole(viewer, 'communications')) throw codedError('FORBIDDEN', 'The development sink is for development only.');
      return services.sink.list(args.channel ?? undefined, pageSize(args.first, 20));
    },
  },
  Mutation: {
    setContactPoint: (_root: unknown, args: { channel: DeliveryChannel; address: string }, { db, viewer }: NotificationContext) =>
      setContactPoint(db, requireSubject(viewer), args.channel, args.address),
    removeContactPoint: (_root: unknown, args: { channel: DeliveryChannel }, { db, viewer }: NotificationContext) => removeContactPoint(db, requireSubject(viewer), args.channel),
    retryDelivery: async (_root: unknown, { id }: { id: string }, { db, services }: NotificationContext) => {
      const found = isUuid(id) ? await db.delivery.findUnique({ where: { id } }) : null;
      if (!found) throw codedError('NOT_FOUND', 'No such delivery.');
      // Update and read in one transaction: the row stays locked, so the dispatcher (SKIP LOCKED) cannot
      // claim it before the answer is read.
      const queued = await db.$transaction(async (tx) => {
        const { count } = await tx.delivery.updateMany({ where: { id, status: 'FAILED' }, data: { status: 'QUEUED', attempts: 0, nextAttemptAt: new Date(), updatedAt: new Date() } });
        if (count === 0) throw codedError('ILLEGAL_TRANSITION', 'Only a failed delivery is retried.', { from: found.status });
        return tx.delivery.findUniqueOrThrow({ where: { id } });
      });
      services.dispatcher.wake();
      return queued;
    },
  },
  Citizen: {
    contactPoints: async (citizen: CitizenRef, _args: unknown, { db, viewer }: NotificationContext) => {
      assertSelf(viewer, citizen.id);
      return db.contactPoint.findMany({ where: { citizenId: citizen.id }, orderBy: { channel: 'asc' } });
    },
  },
  ContactPoint: {
    address: (contact: ContactPoint) => maskAddress(contact.channel, contact.address),
    verified: (contact: ContactPoint) => contact.verifiedAt !== null,
  },
};
