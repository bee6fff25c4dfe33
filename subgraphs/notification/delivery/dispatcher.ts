// The dispatcher: one loop per channel (so a slow or failing provider never holds up another) claims the
// channel's due messages (FOR UPDATE SKIP LOCKED: replicas share the queue), sends them through the
// channel's sender within the provider's rate, and moves each along its state machine:
//   queued → sending → sent (→ delivered or failed, by receipt)
//   sending → queued again after a retryable failure (exponential backoff with jitter), or failed (the
//   dead letters operators query and retry) once the attempts are spent or the failure is final.
// A message stuck in `sending` (the process died mid-send) is queued again after a while: at least once.
import type { Logger } from '../../../platform/logger.ts';
import type { DeliveryChannel, PrismaClient } from '../prisma/generated/client.ts';
import { asDeliveryError, DeliveryError } from './channel.ts';
import type { ChannelSender } from './channel.ts';
import type { DeliverySettings } from './config.ts';

type Settings = DeliverySettings['delivery'];
type OutChannel = Exclude<DeliveryChannel, 'IN_APP'>;

interface Claimed {
  id: string;
  recipient_id: string;
  subject: string | null;
  body: string;
  html: string | null;
  attempts: number;
}

/** Delay before attempt `attempt + 1`: doubling from base, capped, then "equal jitter" (half fixed, half random). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Sends what is queued, per channel. */
export class DeliveryDispatcher {
  readonly #db: PrismaClient;
  readonly #senders: ReadonlyMap<OutChannel, ChannelSender>;
  readonly #settings: Settings;
  readonly #logger: Logger;
  readonly #wakers = new Set<() => void>();
  #stopped = true;
  #loops: Promise<void>[] = [];

  constructor(db: PrismaClient, senders: ReadonlyMap<OutChannel, ChannelSender>, settings: Settings, logger: Logger) {
    this.#db = db;
    this.#senders = senders;
    this.#settings = settings;
    this.#logger = logger;
  }

  /** Start one loop per channel. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#loops = [...this.#senders.values()].map((sender) => this.#loop(sender));
  }

  /** Look for work now (messages were just queued). */
  wake(): void {
    for (const wake of this.#wakers) wake();
  }

  /** Stop after the sends in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await Promise.all(this.#loops);
    this.#loops = [];
  }

  /** Send one batch of `channel`'s due messages; returns how many were claimed. */
  async sendDue(sender: ChannelSender): Promise<number> {
    const stuckMs = this.#settings.timeoutMs * 3;
    await this.#db.$executeRaw`UPDATE "delivery" SET "status" = 'QUEUED', "updated_at" = now()
      WHERE "channel" = ${sender.channel}::text::"DeliveryChannel" AND "status" = 'SENDING' AND "updated_at" < now() - make_interval(secs => ${stuckMs / 1000})`;
    const batch = await this.#db.$queryRaw<Claimed[]>`UPDATE "delivery" SET "status" = 'SENDING', "attempts" = "attempts" + 1, "updated_at" = now()
      WHERE "id" IN (SELECT "id" FROM "delivery" WHERE "channel" = ${sender.channel}::text::"DeliveryChannel" AND "status" = 'QUEUED' AND "next_attempt_at" <= now()
                     ORDER BY "next_attempt_at", "id" LIMIT ${this.#settings.ratePerSecond[sender.channel]} FOR UPDATE SKIP LOCKED)
      RETURNING "id"::text AS "id", "recipient_id", "subject", "body", "html", "attempts"`;
    if (batch.length === 0) return 0;
    const contacts = await this.#db.contactPoint.findMany({ where: { channel: sender.channel, citizenId: { in: [...new Set(batch.map((row) => row.recipient_id))] } } });
    const address = new Map(contacts.map((contact) => [contact.citizenId, contact.address]));
    const sent = (await Promise.all(batch.map((row) => this.#sendOne(sender, row, address.get(row.recipient_id))))).filter((one) => one !== undefined);
    if (sent.length > 0) {
      // The batch's sent rows in one statement (a notice to a ward is thousands a second on a fast provider).
      await this.#db.$executeRaw`UPDATE "delivery" AS "d" SET "status" = 'SENT', "provider_message_id" = "s"."provider", "sent_at" = now(), "updated_at" = now(), "last_error" = NULL
        FROM unnest(${sent.map((one) => one.id)}::text[], ${sent.map((one) => one.providerMessageId)}::text[]) AS "s"("id", "provider")
        WHERE "d"."id" = "s"."id"::uuid AND "d"."status" = 'SENDING'`;
    }
    return batch.length;
  }

  /** Send one row: its provider's message id when sent (recorded by the caller); a failure is recorded here. */
  async #sendOne(sender: ChannelSender, row: Claimed, address: string | undefined): Promise<{ id: string; providerMessageId: string } | undefined> {
    const signal = AbortSignal.timeout(this.#settings.timeoutMs);
    try {
      // The person removed their contact point since this was queued: nothing to send to, ever.
      if (address === undefined) throw new DeliveryError('NO_CONTACT_POINT', false);
      const { providerMessageId } = await sender.send({ id: row.id, address, subject: row.subject, text: row.body, html: row.html }, signal);
      return { id: row.id, providerMessageId };
    } catch (thrown) {
      const error = asDeliveryError(thrown, signal);
      const final = !error.retryable || row.attempts >= this.#settings.maxAttempts;
      const now = Date.now();
      // The reason is a short code (HTTP_503, TIMEOUT, SMTP_550): never the address or the provider's text.
      this.#logger.warn({ deliveryId: row.id, channel: sender.channel, provider: sender.provider, reason: error.reason, attempt: row.attempts, final }, 'delivery failed');
      await this.#db.delivery.updateMany({
        where: { id: row.id, status: 'SENDING' },
        data: final
          ? { status: 'FAILED', lastError: error.reason, updatedAt: new Date(now) }
          : { status: 'QUEUED', lastError: error.reason, updatedAt: new Date(now), nextAttemptAt: new Date(now + retryDelayMs(row.attempts, this.#settings.retryBaseMs, this.#settings.retryMaxMs)) },
      });
      return undefined;
    }
  }

  async #loop(sender: ChannelSender): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      const started = Date.now();
      let delay = this.#settings.pollMs;
      let wakeable = true;
      try {
        const claimed = await this.sendDue(sender);
        failures = 0;
        // A full batch: go on once the second that paid for it has passed (the provider's rate).
        if (claimed >= this.#settings.ratePerSecond[sender.channel]) {
          delay = Math.max(0, 1_000 - (Date.now() - started));
          wakeable = false;
        }
      } catch (error) {
        failures += 1;
        delay = Math.min(30_000, this.#settings.pollMs * 2 ** failures);
        if (!this.#stopped) this.#logger.warn({ err: error, channel: sender.channel }, 'dispatcher: database unavailable, will retry');
      }
      if (this.#stopped) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, delay);
        // Rate waits are not cut short by new work; stop still ends them (stop wakes every loop).
        if (wakeable || this.#stopped) this.#wakers.add(done);
      });
    }
  }
}
