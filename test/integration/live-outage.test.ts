// The event bus dies while events are produced: a private nats-server (JetStream, its own port and store,
// never the machine's shared one) is killed in the middle of a run of feedback submissions and started
// again. The outbox keeps what could not be published; after recovery every event reaches the reporter's
// inbox exactly once, their e-mail (a real SMTP server) exactly once, and their open graphql-ws
// subscription, whose live feed nats.js renews after the reconnect, once each.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
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

const EVENTS = 12;

describe('the bus dies while events are produced', { skip: natsServerPresent ? false : 'nats-server is not installed' }, () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let smtp: SmtpCapture | undefined;
  let nats: ChildProcess | undefined;
  let natsPort: number;
  let storeDir: string;
  let watching: LiveInbox | undefined;
  const mails = (): CapturedMail[] => smtp?.mails ?? [];

  function startNats(): void {
    nats = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', storeDir], { stdio: 'ignore' });
  }
  const killNats = () => stopChild(nats, 'SIGKILL');

  before(async () => {
    natsPort = await freePort();
    storeDir = await mkdtemp(path.join(tmpdir(), 'lien-thong-live-nats-'));
    startNats();
    smtp = await startSmtpCapture();
    keyed = await startHubWithRealmKeys({
      natsUrl: `nats://127.0.0.1:${natsPort}`,
      subgraphEnv: {
        NOTIFICATION_SMTP_HOST: '127.0.0.1',
        NOTIFICATION_SMTP_PORT: String(smtp.port),
        NOTIFICATION_DELIVERY_POLL_MS: '100',
        FEEDBACK_SUMMARY_SCHEDULE: 'off',
      },
    });
    hub = keyed.hub;
  });
  after(async () => {
    await watching?.close();
    await keyed?.close();
    await killNats();
    await smtp?.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  test('after recovery: every event in the inbox once, by e-mail once, on the open subscription once', async () => {
    const sub = `5f0d3c1e-0000-4000-8000-${String(Date.now()).slice(-12)}`;
    const token = await keyed.token({ sub });
    const email = `outage.${Date.now()}@example.vn`;
    await chooseEmail(hub, token, email);
    const open = watchInbox(hub, token);
    watching = open;
    const live = open.links;
    await sleep(500);

    const codes: string[] = [];
    for (let index = 0; index < EVENTS; index += 1) {
      // The bus dies a third of the way through and comes back two thirds of the way.
      if (index === EVENTS / 3) await killNats();
      if (index === (2 * EVENTS) / 3) startNats();
      const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
        token,
        variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: `Quán nước bày bàn ghế kín vỉa hè, lần ${index + 1}.`, lat: 10.7725, lng: 106.698 } },
      });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      codes.push((body.data?.['submitFeedback'] as { code: string }).code);
      await sleep(150);
    }

    const inbox = await until('every event in the inbox', async () => {
      const { body } = await hub.graphql('{ me { notifications(first: 100) { kind link } } }', { token });
      const links = ((body.data?.['me'] as { notifications: { link: string }[] } | null)?.notifications ?? []).map((message) => message.link);
      return codes.every((code) => links.includes(code)) ? links : undefined;
    });
    await until('every e-mail', () => codes.every((code) => mails().some((mail) => mail.to.includes(email) && mail.raw.includes(code))));
    await until('every event on the subscription', () => codes.every((code) => live.includes(code)), 15_000);
    // Late duplicates would come within the redelivery backoff: wait a little before counting.
    await sleep(1_500);
    const count = (list: readonly string[], code: string) => list.filter((one) => one === code).length;
    for (const code of codes) {
      assert.equal(count(inbox, code), 1, `inbox, ${code}`);
      assert.equal(mails().filter((mail) => mail.to.includes(email) && mail.raw.includes(code)).length, 1, `e-mail, ${code}`);
      assert.equal(count(live, code), 1, `subscription, ${code}`);
    }
    assert.equal(open.ended(), undefined, 'the subscription stayed open through the outage');
  });
});
