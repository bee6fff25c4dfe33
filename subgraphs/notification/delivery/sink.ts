// The development sink: a channel that sends nothing and records every message it is given, so a
// developer (or a test) can read what would have gone out (`sentMessages`, outside production only).
import { randomUUID } from 'node:crypto';
import type { DeliveryChannel } from '../prisma/generated/client.ts';
import type { ChannelSender, OutgoingMessage, SendResult } from './channel.ts';

/** A message the sink took. */
export interface SunkMessage extends OutgoingMessage {
  readonly channel: DeliveryChannel;
  readonly providerMessageId: string;
  readonly at: Date;
}

/** Every sink channel of one subgraph writes here: newest last, at most `limit` kept. */
export class SinkRecorder {
  readonly #messages: SunkMessage[] = [];
  readonly #limit: number;
  constructor(limit = 1_000) {
    this.#limit = limit;
  }
  record(message: SunkMessage): void {
    this.#messages.push(message);
    if (this.#messages.length > this.#limit) this.#messages.shift();
  }
  /** The newest first. */
  list(channel: DeliveryChannel | undefined, first: number): SunkMessage[] {
    return this.#messages
      .filter((message) => channel === undefined || message.channel === channel)
      .reverse()
      .slice(0, first);
  }
}

/** A sink for `channel`. */
export function createSinkSender(channel: Exclude<DeliveryChannel, 'IN_APP'>, recorder: SinkRecorder): ChannelSender {
  return {
    channel,
    provider: 'sink',
    send(message: OutgoingMessage): Promise<SendResult> {
      const providerMessageId = `sink-${randomUUID()}`;
      recorder.record({ ...message, channel, providerMessageId, at: new Date() });
      return Promise.resolve({ providerMessageId });
    },
  };
}
