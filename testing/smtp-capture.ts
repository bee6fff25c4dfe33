// An SMTP server of the test's own (smtp-server on a free port, no TLS, no AUTH) that keeps every message it
// is sent, for the tests that follow a notification to a real mailbox.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the server received it. */
export interface CapturedMail {
  readonly to: string[];
  /** The whole message (headers and body) as sent. */
  readonly raw: string;
}

/** A running capture server. */
export interface SmtpCapture {
  readonly port: number;
  /** Every message received so far, in order. */
  readonly mails: CapturedMail[];
  /** Keep each message but hold the answer to the sender (250) until the returned release is called,
   *  as a server does that has taken a message when its sender dies before hearing so. */
  holdAnswers(): () => void;
  close(): Promise<void>;
}

/** Start a capture server on 127.0.0.1 and a free port. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  let held: Promise<void> = Promise.resolve();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString('utf8') });
        void held.then(() => callback());
      });
    },
  });
  // A sender killed mid-conversation (what the outage tests do) resets its socket: smtp-server reports that as
  // an 'error' on the server, which with no listener would end the test process as an uncaught exception.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    holdAnswers() {
      let release = () => {};
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        held = Promise.resolve();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
