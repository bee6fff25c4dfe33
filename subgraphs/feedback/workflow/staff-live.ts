// Staff's live view of the workflow (feedbackChanged): each new item and each status change as it
// happens, for the operators' queue, a unit's desk and the leaders' dashboard. Operators and leaders see
// every item (or one unit's), an officer only their own unit's; each item is read back when its event
// arrives and checked as `feedbackItem` checks it, so an item routed away from a unit stops reaching it.
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { liveFeedOf } from '../../kit/live.ts';
import type { BusEvent } from '../../kit/events/bus.ts';
import type { FeedbackItem } from '../prisma/generated/client.ts';
import type { FeedbackContext } from '../services.ts';
import { findFeedbackByCode } from './items.ts';
import { visibleToStaff } from './resolvers.ts';
import { STATUS_CHANGED } from './transitions.ts';

/** Items whose last state sent a subscription remembers, to send a state once. */
const SENT_REMEMBERED = 1000;

/** A new item, routed at intake (intake-batch.ts), or re-routed by an operator. */
const ROUTED = 'feedback.item-routed';

// Every subscriber in this process gets the same event object: one read of the item per event, not one per subscriber.
const itemOfEvent = new WeakMap<BusEvent, Promise<FeedbackItem | null>>();

function readItem(context: FeedbackContext, event: BusEvent, code: string): Promise<FeedbackItem | null> {
  let item = itemOfEvent.get(event);
  if (!item) {
    item = findFeedbackByCode(context.db, code);
    itemOfEvent.set(event, item);
  }
  return item;
}

/** Subscription resolvers of staff's live view. */
export const staffLiveResolvers = {
  Subscription: {
    feedbackChanged: {
      subscribe: (_root: unknown, { unitCode }: { unitCode?: string | null }, context: FeedbackContext) => {
        const { viewer } = context;
        const everything = hasRole(viewer, 'operator') || hasRole(viewer, 'leader');
        if (!everything && !(hasRole(viewer, 'officer') && viewer.unit !== undefined)) throw codedError('FORBIDDEN', 'Only 1022 operators, leaders and unit officers follow items live.');
        // An officer follows their own unit: asking for another one is refused, not answered with silence.
        if (!everything && unitCode != null && unitCode !== viewer.unit) throw codedError('FORBIDDEN', "Unit officers follow their own unit's items only.", { field: 'unitCode' });
        const unit = everything ? (unitCode ?? undefined) : viewer.unit;
        // A re-routed item is announced on both topics: the same state (same updatedAt) is sent once.
        const sent = new Map<string, number>();
        return liveFeedOf(context).events(
          'feedback.>',
          async (event) => {
            const code = event.payload['code'];
            if ((event.topic !== ROUTED && event.topic !== STATUS_CHANGED) || typeof code !== 'string') return undefined;
            const item = visibleToStaff(viewer, await readItem(context, event, code));
            if (!item || (unit !== undefined && item.unitCode !== unit) || sent.get(code) === item.updatedAt.getTime()) return undefined;
            sent.delete(code);
            sent.set(code, item.updatedAt.getTime());
            if (sent.size > SENT_REMEMBERED) sent.delete(sent.keys().next().value!);
            return { feedbackChanged: item };
          },
          unit === undefined ? undefined : { field: 'unitCode', value: unit },
        );
      },
    },
  },
};
