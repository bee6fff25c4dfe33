// The notification subgraph dies while events are produced: it runs in a process of its own (as in
// production), on a database that outlives the process (a PGlite folder, or a PostgreSQL database of this
// test's own), with events on a private nats-server (JetStream), so what is published while it is down
// waits for it. It is killed with SIGKILL in the middle of a run of feedback submissions and started again
// on the same port and database: every event reaches the reporter's inbox exactly once and their e-mail (a
// real SMTP server) exactly once. A send the kill cuts short (the SMTP server took the message, the process
// died before recording it) is sent again after the restart, under the same Message-ID: at least once,
// never lost. Then a graphql-ws subscription held through the gateway keeps receiving events across
// another kill and restart: the gateway's upstream connects and subscribes again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createTestDatabase } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { chooseEmail, watchInbox } from '../../testing/inbox.ts';
import type { LiveInbox } from '../../testing/inbox.ts';
import { NATS_SERVER, natsServerPresent } from '../../testing/nats-server.ts';
import { freePort } from '../../testing/redis-server.ts';
import { startSmtpCapture } from '../../testing/smtp-capture.ts';
import type { CapturedMail, SmtpCapture } from '../../testing/smtp-capture.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';
import { stopChild, until } from '../../testing/wait.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EVENTS = 12;

/** A captured message's Message-ID header (the notification subgraph's delivery id). */
function messageIdOf(mail: CapturedMail): string {
  const id = /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw)?.[1];
  assert.ok(id, 'every e-mail has a Message-ID');
  return id;
}

const count = (list: readonly string[], code: string) => list.filter((one) => one === code).length;

describe('the notification subgraph dies while events are produced', { skip: natsServerPresent ? false : 'nats-server is not installed' }, () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let smtp: SmtpCapture | undefined;
  let nats: ChildProcess | undefined;
  let notification: ChildProcess | undefined;
  let notificationStderr = '';
  let notificationPort: number;
  let natsUrl: string;
  let folder: string;
  let database: { url: string; drop(): Promise<void> } | undefined;
  const inboxes: LiveInbox[] = [];
  const mails = (): CapturedMail[] => smtp?.mails ?? [];

  /** The notification subgraph's own process, on the same port and database every time. */
  async function startNotification(): Promise<void> {
    notificationStderr = '';
    const child = spawn(process.execPath, [path.join(REPOSITORY_ROOT, 'subgraphs/notification/main.ts')], {
      cwd: REPOSITORY_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        NOTIFICATION_HOST: '127.0.0.1',
        NOTIFICATION_PORT: String(notificationPort),
        ...(database ? { NOTIFICATION_DATABASE_URL: database.url } : { DATA_DIR: folder }),
        INTERNAL_JWKS_URL: `${hub.gatewayUrl}/.well-known/jwks.json`,
        NATS_URL: natsUrl,
        SEED_DEMO_DATA: 'false',
        SHUTDOWN_DRAIN_MS: '0',
        NOTIFICATION_SMTP_HOST: '127.0.0.1',
        NOTIFICATION_SMTP_PORT: String(smtp!.port),
        NOTIFICATION_DELIVERY_POLL_MS: '100',
        // A send cut short by the kill is claimed again after three timeouts.
        NOTIFICATION_PROVIDER_TIMEOUT_MS: '2000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (notificationStderr += chunk.toString('utf8')));
    notification = child;
    await until(
      `the notification subgraph to be ready\n${notificationStderr}`,
      async () => {
        if (child.exitCode !== null) assert.fail(`the notification subgraph exited with ${child.exitCode}\n${notificationStderr}`);
        const response = await fetch(`http://127.0.0.1:${notificationPort}/health/ready`).catch(() => undefined);
        return response?.status === 200;
      },
      120_000,
    );
  }
  const stopNotification = (signal: NodeJS.Signals) => stopChild(notification, signal);

  /** The deliveries the dead process had claimed and not recorded (read from its database while it is down). */
  async function deliveriesSending(): Promise<string[]> {
    const sql = `SELECT "id"::text AS "id" FROM "delivery" WHERE "status" = 'SENDING'`;
    if (database) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query<{ id: string }>(sql)).rows.map((row) => row.id);
      } finally {
        await client.end();
      }
    }
    const pglite = await PGlite.create({ dataDir: path.join(folder, 'notification') });
    try {
      return (await pglite.query<{ id: string }>(sql)).rows.map((row) => row.id);
    } finally {
      await pglite.close();
    }
  }

  async function submitFeedback(token: string, index: number): Promise<string> {
    const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      token,
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: `Quán nước bày bàn ghế kín vỉa hè, lần ${index + 1}.`, lat: 10.7725, lng: 106.698 } },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['submitFeedback'] as { code: string }).code;
  }

  async function inboxLinks(token: string): Promise<string[]> {
    const { body } = await hub.graphql('{ me { notifications(first: 100) { kind link } } }', { token });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return ((body.data?.['me'] as { notifications: { link: string }[] } | null)?.notifications ?? []).map((message) => message.link);
  }

  /** A reporter with an e-mail contact who chose in-app and e-mail. */
  async function reporter(label: string): Promise<{ token: string; email: string }> {
    const sub = `5f0d3c1e-0000-4000-8000-${String(Date.now()).slice(-12)}`;
    const token = await keyed.token({ sub });
    const email = `${label}.${Date.now()}@example.vn`;
    await chooseEmail(hub, token, email);
    return { token, email };
  }

  before(async () => {
    const natsPort = await freePort();
    natsUrl = `nats://127.0.0.1:${natsPort}`;
    folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-subgraph-restart-'));
    nats = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', path.join(folder, 'nats')], { stdio: 'ignore' });
    smtp = await startSmtpCapture();
    notificationPort = await freePort();
    const adminUrl = process.env['TEST_DATABASE_URL'];
    if (adminUrl) database = await createTestDatabase(adminUrl, 'notification');
    keyed = await startHubWithRealmKeys({
      natsUrl,
      elsewhere: ['notification'],
      gatewayEnv: { NOTIFICATION_URL: `http://127.0.0.1:${notificationPort}/graphql` },
      subgraphEnv: { FEEDBACK_SUMMARY_SCHEDULE: 'off' },
    });
    hub = keyed.hub;
    await startNotification();
  });
  after(async () => {
    for (const inbox of inboxes) await inbox.close();
    await stopNotification('SIGTERM');
    await keyed?.close();
    nats?.kill('SIGKILL');
    await smtp?.close();
    await database?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  test('killed mid-run and started again: every event in the inbox once and by e-mail once', async () => {
    const { token, email } = await reporter('crash');
    const codes: string[] = [];
    let inFlightAtDeath: readonly string[] = [];
    for (let index = 0; index < EVENTS; index += 1) {
      // Killed a third of the way through, back two thirds of the way: what is published meanwhile waits in JetStream.
      if (index === EVENTS / 3) {
        await stopNotification('SIGKILL');
        inFlightAtDeath = await deliveriesSending();
      }
      if (index === (2 * EVENTS) / 3) await startNotification();
      codes.push(await submitFeedback(token, index));
      await sleep(150);
    }

    const inbox = await until(
      'every event in the inbox',
      async () => {
        const links = await inboxLinks(token);
        return codes.every((code) => links.includes(code)) ? links : undefined;
      },
      90_000,
    );
    const mailsOf = (code: string, list = mails()) => list.filter((mail) => mail.to.includes(email) && mail.raw.includes(code));
    await until('every e-mail', () => codes.every((code) => mailsOf(code).length > 0), 90_000);
    // Late duplicates would come within the redelivery backoff: wait a little before counting.
    await sleep(1_500);
    const later = await inboxLinks(token);
    for (const code of codes) {
      assert.equal(count(inbox, code), 1, `inbox, ${code}`);
      assert.equal(count(later, code), 1, `inbox later, ${code}`);
      const arrivals = mailsOf(code);
      assert.equal(new Set(arrivals.map(messageIdOf)).size, 1, `one e-mail (one Message-ID), ${code}`);
      // Exactly one arrival, except for a send the kill cut short: the SMTP server may have taken the
      // message before the dead process recorded it as sent, so the new one sends it again, under the same
      // Message-ID (SMTP cannot be asked whether a message arrived; the receiving side sees one message).
      const cutShort = inFlightAtDeath.some((id) => messageIdOf(arrivals[0]!).startsWith(`<${id}@`));
      assert.ok(arrivals.length === 1 || (cutShort && arrivals.length === 2), `e-mail, ${code}: ${arrivals.length} arrivals${cutShort ? ' (in flight at the kill)' : ''}`);
    }
  });

  test('a send the kill cuts short is sent again after the restart, under the same Message-ID', async () => {
    const { token, email } = await reporter('cut');
    const mailsTo = () => mails().filter((mail) => mail.to.includes(email));
    // The SMTP server takes the message and the subgraph dies before hearing so.
    const release = smtp!.holdAnswers();
    let code: string;
    try {
      code = await submitFeedback(token, 0);
      await until('the e-mail at the SMTP server', () => mailsTo().length === 1);
      await stopNotification('SIGKILL');
    } finally {
      release();
    }
    const [claimed] = await deliveriesSending();
    assert.ok(claimed, 'the dead process left its delivery claimed, not recorded as sent');
    assert.equal(messageIdOf(mailsTo()[0]!).startsWith(`<${claimed}@`), true);
    await startNotification();
    await until('the e-mail sent again', () => mailsTo().length === 2, 60_000);
    await sleep(1_500);
    const arrivals = mailsTo();
    assert.equal(arrivals.length, 2, 'sent again once, not lost and not more');
    assert.deepEqual(new Set(arrivals.map(messageIdOf)), new Set([messageIdOf(arrivals[0]!)]), 'one Message-ID');
    assert.ok(arrivals.every((mail) => mail.raw.includes(code)));
    assert.equal(count(await inboxLinks(token), code), 1, 'in the inbox once');
  });

  test('an open subscription keeps receiving events after the subgraph restarts', async () => {
    const { token } = await reporter('live');
    const inbox = watchInbox(hub, token);
    inboxes.push(inbox);
    const live = inbox.links;
    let index = 0;
    /** Submit feedback until an event reaches the open subscription (each waits for its inbox entry first); returns its code. */
    const submitUntilLive = async (what: string): Promise<string> => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const code = await submitFeedback(token, index++);
        await until('the event in the inbox', async () => (await inboxLinks(token)).includes(code));
        await sleep(1_000);
        if (live.includes(code)) return code;
      }
      assert.fail(`no event on the subscription ${what}`);
    };
    // Subscribed once the first event arrives live.
    const first = await submitUntilLive('before the restart');
    await stopNotification('SIGKILL');
    await startNotification();
    // Events after the restart reach the open subscription once the gateway has subscribed again.
    const resumed = await submitUntilLive('after the restart');
    const next = await submitFeedback(token, index++);
    await until('the next event on the subscription', () => live.includes(next), 30_000);
    await sleep(1_000);
    for (const code of [first, resumed, next]) assert.equal(count(live, code), 1, `subscription, ${code}`);
    assert.equal(inbox.ended(), undefined, 'the subscription stayed open through the restart');
  });
});
