// The one interface every delivery channel implements (e-mail over SMTP, SMS and Zalo ZNS over HTTP, the
// development sink), and how a channel says whether a failure is worth another try.
import type { DeliveryChannel } from '../prisma/generated/client.ts';

/** One message to send: the address comes from the person's contact point and is never logged. */
export interface OutgoingMessage {
  /** The delivery's id: the provider's reference (idempotency key where it has one). */
  readonly id: string;
  readonly address: string;
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
}

/** What a provider answered. */
export interface SendResult {
  /** The provider's id of the message, which its delivery receipts name. */
  readonly providerMessageId: string;
}

/** A channel's sender. */
export interface ChannelSender {
  readonly channel: Exclude<DeliveryChannel, 'IN_APP'>;
  /** Shown to operators (e.g. `smtp`, `http`, `sink`); never a key or a password. */
  readonly provider: string;
  /** Send one message; throws DeliveryError. */
  send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult>;
  close?(): Promise<void>;
}

/** Why a send failed: `retryable` (timeouts, 5xx, 429, connection errors) or not (4xx, a refused address). */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  /** A short code for operators, without personal data (e.g. `HTTP_503`, `TIMEOUT`, `SMTP_550`). */
  readonly reason: string;
  constructor(reason: string, retryable: boolean) {
    super(reason);
    this.name = 'DeliveryError';
    this.reason = reason;
    this.retryable = retryable;
  }
}

/** A DeliveryError for anything a sender threw: unknown errors are retried (a bug should not lose mail). */
export function asDeliveryError(error: unknown, signal: AbortSignal): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (signal.aborted) return new DeliveryError('TIMEOUT', true);
  const code = (error as { code?: unknown }).code;
  const plain = typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code);
  return new DeliveryError(plain ? String(code) : 'SEND_FAILED', true);
}
