// Templates through the gateway: the communications office saves versions (placeholders checked against
// the kind's, SMS length at its longest), renders with sample values (a missing one is a coded error),
// and each event path — feedback, directives, dossier, planning — reaches its recipients' inboxes worded
// by the newest in-app template, once per event however often it is delivered.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const byRole = (role: string) => DEMO_ACCOUNTS.find((account) => account.roles.includes(role))!;
const communications = byRole('communications');
const leader = byRole('leader');

const SAVE = 'mutation($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { kind channel locale version subject body html placeholders createdBy } }';
const RENDER =
  'query($kind: NotificationKind!, $channel: DeliveryChannel!, $values: [TemplateValueInput!]!) { renderNotificationTemplate(kind: $kind, channel: $channel, values: $values) { subject text html version smsEncoding smsSegments } }';
const INBOX = '{ me { notifications(first: 50) { title body kind link } } }';

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

describe('notification templates and event paths', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const tokens: Record<string, string> = {};

  async function as(who: string, query: string, variables?: unknown): Promise<GraphQLBody> {
    return (await hub.graphql(query, { token: tokens[who]!, variables })).body;
  }
  async function inbox(sub: string): Promise<{ title: string; body: string; kind: string; link: string | null }[]> {
    const { body } = await hub.graphql(INBOX, { token: await keyed.token({ sub }) });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['me'] as { notifications: { title: string; body: string; kind: string; link: string | null }[] }).notifications;
  }
  async function waitForInbox(sub: string, kind: string, count = 1) {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const messages = (await inbox(sub)).filter((message) => message.kind === kind);
      if (messages.length >= count) return messages;
      await sleep(50);
    }
    assert.fail(`no ${kind} message for ${sub}`);
  }
  async function publish(topic: string, payload: Record<string, unknown>, id = randomUUID()) {
    await hub.bus.publish({ id, topic, occurredAt: new Date().toISOString(), payload });
    return id;
  }

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    tokens['communications'] = await keyed.token({ sub: communications.sub, roles: ['communications'] });
    tokens['leader'] = await keyed.token({ sub: leader.sub, roles: ['leader'] });
    tokens['citizen'] = await keyed.token({ sub: DEMO_ACCOUNTS[0]!.sub });
  });
  after(() => keyed?.close());

  test('saving: versions numbered per kind, channel and language; bad templates refused with their codes', async () => {
    const sms = { kind: 'DOSSIER_RESULT', channel: 'SMS', body: 'Ho so {{code}} da co ket qua.' };
    const first = await as('communications', SAVE, { input: sms });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.deepEqual(first.data?.['saveNotificationTemplate'], {
      kind: 'DOSSIER_RESULT',
      channel: 'SMS',
      locale: 'vi',
      version: 1,
      subject: null,
      body: 'Ho so {{code}} da co ket qua.',
      html: null,
      placeholders: ['code'],
      createdBy: communications.sub,
    });
    const second = await as('communications', SAVE, { input: { ...sms, body: 'Hồ sơ {{code}} đã có kết quả.' } });
    assert.equal((second.data?.['saveNotificationTemplate'] as { version: number }).version, 2);
    const english = await as('communications', SAVE, { input: { ...sms, locale: 'en', body: 'Your dossier {{code}} is ready.' } });
    assert.equal((english.data?.['saveNotificationTemplate'] as { version: number }).version, 1);
    const versions = (await as('communications', '{ notificationTemplates(kind: DOSSIER_RESULT, channel: SMS) { locale version availablePlaceholders } }')).data?.['notificationTemplates'] as {
      locale: string;
      version: number;
      availablePlaceholders: string[];
    }[];
    assert.deepEqual(
      versions.map((version) => [version.locale, version.version]),
      [
        ['en', 1],
        ['vi', 2],
        ['vi', 1],
        ['vi', 0],
      ],
    );
    assert.deepEqual(versions[0]?.availablePlaceholders, ['code']);

    const unknown = await as('communications', SAVE, { input: { ...sms, body: 'Hồ sơ {{code}} của {{fullName}}, số {{phone}}' } });
    assert.equal(codeOf(unknown), 'TEMPLATE_PLACEHOLDER_UNKNOWN');
    assert.deepEqual(unknown.errors?.[0]?.extensions?.['unknown'], ['fullName', 'phone']);
    const long = await as('communications', SAVE, { input: { ...sms, body: `Hồ sơ {{code}}: ${'kết quả '.repeat(40)}` } });
    assert.equal(codeOf(long), 'TEMPLATE_TOO_LONG_FOR_SMS');
    assert.equal(long.errors?.[0]?.extensions?.['encoding'], 'UCS-2');
    assert.equal(codeOf(await as('communications', SAVE, { input: { ...sms, html: '<p>{{code}}</p>' } })), 'BAD_USER_INPUT');
    assert.equal(codeOf(await as('communications', SAVE, { input: { kind: 'DOSSIER_RESULT', channel: 'EMAIL', subject: 'Kết quả', body: '{{code}}' } })), 'BAD_USER_INPUT');
    assert.equal(codeOf(await as('leader', SAVE, { input: sms })), 'FORBIDDEN');
    assert.equal(codeOf(await as('citizen', SAVE, { input: sms })), 'FORBIDDEN');
    // None of the refusals made a version.
    const after = (await as('communications', '{ notificationTemplates(kind: DOSSIER_RESULT, channel: SMS) { version } }')).data?.['notificationTemplates'] as unknown[];
    assert.equal(after.length, 4);
  });

  test('rendering: a missing value is coded, e-mail HTML escapes values, SMS reports its encoding and segments', async () => {
    const missing = await as('communications', RENDER, { kind: 'DOSSIER_LATE_APOLOGY', channel: 'IN_APP', values: [{ name: 'code', value: 'X' }] });
    assert.equal(codeOf(missing), 'TEMPLATE_PLACEHOLDER_MISSING');
    assert.deepEqual(missing.errors?.[0]?.extensions?.['missing'], ['newDueAt']);
    const email = await as('communications', RENDER, { kind: 'FEEDBACK_RESOLVED', channel: 'EMAIL', values: [{ name: 'code', value: '<b>PHA</b>' }] });
    const rendered = email.data?.['renderNotificationTemplate'] as { subject: string; text: string; html: string; smsEncoding: string | null };
    assert.ok(rendered.text.includes('<b>PHA</b>'), 'plain text keeps the value as is');
    assert.ok(rendered.html.includes('&lt;b&gt;PHA&lt;/b&gt;') && !rendered.html.includes('<b>PHA'));
    assert.equal(rendered.smsEncoding, null);
    const sms = (await as('communications', RENDER, { kind: 'FEEDBACK_ROUTED', channel: 'SMS', values: [{ name: 'code', value: 'PHA261200000001' }] })).data?.['renderNotificationTemplate'] as {
      smsEncoding: string;
      smsSegments: number;
    };
    assert.deepEqual([sms.smsEncoding, sms.smsSegments], ['UCS-2', 2]);
    assert.equal(codeOf(await as('citizen', RENDER, { kind: 'FEEDBACK_ROUTED', channel: 'SMS', values: [] })), 'FORBIDDEN');
  });

  test('every event path reaches its recipients, worded by the template, once per event', async () => {
    const person = () => `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}`;
    const [reporter, officerA, officerB, owner, followerA, followerB, boss] = [person(), person(), person(), person(), person(), person(), person()];
    const due = '2026-12-20T03:00:00.000Z';
    await publish('feedback.item-rejected', { code: 'PHA261200000010', citizenId: reporter, unitCode: 'TT-1022' });
    await publish('feedback.item-progress-reported', { code: 'PHA261200000010', citizenId: reporter, committedAt: due });
    await publish('feedback.item-reopened', { code: 'PHA261200000011', officerIds: [officerA] });
    await publish('feedback.directive-issued', { code: 'CD261200000001', leaderId: boss, officerIds: [officerA, officerB], dueAt: due });
    await publish('feedback.directive-replied', { code: 'CD261200000001', leaderId: boss, unitCode: 'SAWACO' });
    await publish('feedback.directive-overdue', { code: 'CD261200000002', leaderId: boss, dueAt: due });
    await publish('dossier.status-changed', { code: '000.00.01.H29-261206-0001', citizenId: owner, from: 'RECEIVING', to: 'PROCESSING', agencyCode: '000.00.01.H29' });
    await publish('dossier.supplement-requested', { code: '000.00.01.H29-261206-0001', citizenId: owner });
    await publish('dossier.late-apology', { code: '000.00.01.H29-261206-0001', citizenId: owner, dueAt: due, newDueAt: '2026-12-27T03:00:00.000Z' });
    // One event per follower, as the planning subgraph writes them.
    const planning = (citizenId: string) => ({ citizenId, parcelId: 'P-BEN-THANH/12/345', wardCode: 'BEN-THANH', sheet: 12, number: 345, schemeCode: 'QH-1-2000-Q1', decisionNumber: '1/QĐ-UBND' });
    const planningId = await publish('planning.scheme-changed', planning(followerA));
    await publish('planning.scheme-changed', planning(followerB));

    const [rejected] = await waitForInbox(reporter, 'FEEDBACK_REJECTED');
    assert.equal(rejected?.link, 'PHA261200000010');
    assert.equal(rejected?.title, 'Phản ánh không được tiếp nhận');
    const [progress] = await waitForInbox(reporter, 'FEEDBACK_PROGRESS_REPORTED');
    assert.ok(progress?.body.includes('20/12/2026 10:00'), 'the committed date in Việt Nam time');
    await waitForInbox(officerA, 'FEEDBACK_REOPENED');
    for (const officer of [officerA, officerB]) assert.ok((await waitForInbox(officer, 'DIRECTIVE_ISSUED'))[0]?.body.includes('CD261200000001'));
    assert.ok((await waitForInbox(boss, 'DIRECTIVE_REPLIED'))[0]?.body.includes('SAWACO'));
    await waitForInbox(boss, 'DIRECTIVE_OVERDUE');
    assert.ok((await waitForInbox(owner, 'DOSSIER_STATUS_CHANGED'))[0]?.body.includes('Đang xử lý'), 'the state in Vietnamese');
    await waitForInbox(owner, 'DOSSIER_SUPPLEMENT');
    assert.ok((await waitForInbox(owner, 'DOSSIER_LATE_APOLOGY'))[0]?.body.includes('27/12/2026 10:00'));
    for (const follower of [followerA, followerB]) {
      const [changed] = await waitForInbox(follower, 'PLANNING_SCHEME_CHANGED');
      assert.equal(changed?.link, 'P-BEN-THANH/12/345');
      assert.ok(changed?.body.includes('thửa 345, tờ bản đồ 12'), 'the parcel as its certificate names it');
    }

    // The same event again (a redelivery after a lost ack): nothing new.
    await publish('planning.scheme-changed', planning(followerA), planningId);
    // A new in-app template version words the next events; those before keep theirs.
    const saved = await as('communications', SAVE, { input: { kind: 'DOSSIER_RESULT', channel: 'IN_APP', subject: 'Có kết quả hồ sơ {{code}}', body: 'Mời nhận kết quả hồ sơ {{code}}.' } });
    assert.equal(saved.errors, undefined, JSON.stringify(saved.errors));
    await publish('dossier.result-ready', { code: '000.00.01.H29-261206-0001', citizenId: owner });
    const [result] = await waitForInbox(owner, 'DOSSIER_RESULT');
    assert.equal(result?.title, 'Có kết quả hồ sơ 000.00.01.H29-261206-0001');
    await sleep(300);
    assert.equal((await inbox(followerA)).length, 1, 'one message per event');
  });

  test('without providers, the development sink records what e-mail would have carried (staff only, never in production)', async () => {
    const owner = `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}`;
    const token = await keyed.token({ sub: owner });
    const address = `sink.${randomUUID().slice(0, 8)}@example.vn`;
    await hub.graphql('mutation($a: String!) { setContactPoint(channel: EMAIL, address: $a) { channel } }', { token, variables: { a: address } });
    await hub.graphql('mutation { updateNotificationPreferences(input: { channels: [EMAIL] }) { channels } }', { token });
    await publish('dossier.supplement-requested', { code: '000.00.01.H29-261206-0099', citizenId: owner });
    for (let waited = 0; waited < 10_000; waited += 100) {
      const { body } = await hub.graphql('{ sinkMessages(channel: EMAIL, first: 50) { address subject text html } }', { token: tokens['communications']! });
      const found = (body.data?.['sinkMessages'] as { address: string; subject: string; text: string; html: string }[] | undefined)?.find((message) => message.address === address);
      if (found) {
        assert.equal(found.subject, 'Hồ sơ cần bổ sung');
        assert.ok(found.text.includes('000.00.01.H29-261206-0099') && found.html.includes('000.00.01.H29-261206-0099'));
        assert.equal(codeOf(await as('citizen', '{ sinkMessages { text } }')), 'FORBIDDEN');
        return;
      }
      await sleep(100);
    }
    assert.fail('the sink recorded nothing');
  });

  test('events that cannot be read or name nobody write nothing, and the consumer carries on', async () => {
    const owner = `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}`;
    await publish('dossier.late-apology', { code: 'X-1', citizenId: owner }); // no newDueAt
    await publish('dossier.status-changed', { code: 'X-1', citizenId: owner }); // no status
    await publish('planning.scheme-changed', { parcelId: 'P', schemeCode: 'S', followerIds: [] }); // no citizenId
    await publish('dossier.result-ready', { code: 'X-2', citizenId: owner });
    const messages = await waitForInbox(owner, 'DOSSIER_RESULT');
    assert.equal(messages.length, 1);
    assert.equal((await inbox(owner)).length, 1, 'only the readable event wrote a message');
  });
});
