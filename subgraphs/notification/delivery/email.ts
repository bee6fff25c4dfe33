// E-mail over SMTP with nodemailer: a plain-text and an HTML part, the delivery id as the Message-ID's
// local part (what a bounce or a receipt names). SMTP replies 4xx are worth another try, 5xx are not.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DeliveryError } from './channel.ts';
import type { ChannelSender, OutgoingMessage, SendResult } from './channel.ts';

/** Where and how to send e-mail. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** The From address, e.g. `Cổng Liên Thông <thongbao@tphcm.gov.vn>`. */
  readonly from: string;
  readonly timeoutMs: number;
}

/** An SMTP sender. */
export function createSmtpSender(settings: SmtpSettings): ChannelSender {
  const transport: Transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  const domain = settings.from.replace(/^.*@/, '').replace(/>.*$/, '') || 'localhost';
  return {
    channel: 'EMAIL',
    provider: 'smtp',
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const messageId = `<${message.id}@${domain}>`;
      const sending = transport.sendMail({ from: settings.from, to: message.address, subject: message.subject ?? '', text: message.text, ...(message.html ? { html: message.html } : {}), messageId });
      const aborted = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new DeliveryError('TIMEOUT', true)), { once: true }));
      try {
        await Promise.race([sending, aborted]);
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        const status = (error as { responseCode?: unknown }).responseCode;
        if (typeof status === 'number') throw new DeliveryError(`SMTP_${status}`, status < 500);
        throw new DeliveryError((error as { code?: string }).code === 'ETIMEDOUT' ? 'TIMEOUT' : 'SMTP_CONNECTION', true);
      } finally {
        sending.catch(() => {});
      }
      return { providerMessageId: message.id };
    },
    close: async () => {
      transport.close();
    },
  };
}
