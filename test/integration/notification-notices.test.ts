// Official notices through the gateway: the communications office drafts, edits and publishes; leaders
// only emergencies; citizens and officers never. A citizen's one feed holds what concerns them (their
// followed wards and topics, and notices to them alone), within each notice's validity window; the
// history says who did what and which fields changed, without values. Bad input: coded errors. Publishing
// fans a notice out: its audience's inboxes, e-mail over a real SMTP server the test starts and SMS to the
// development sink, once each, emergencies through quiet hours, resumable after a crash.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { vietnamWallClock } from '../../platform/vietnam-time.ts';
import { NoticeFanout } from '../../subgraphs/notification/notices/fanout.ts';
import { clockOf } from '../../subgraphs/notification/preferences/channels.ts';
import type { PrismaClient as NotificationClient } from '../../subgraphs/notification/prisma/generated/client.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startSmtpCapture } from '../../testing/smtp-capture.ts';
import type { SmtpCapture } from '../../testing/smtp-capture.ts';
import { until } from '../../testing/wait.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const byRole = (role: string) => DEMO_ACCOUNTS.find((account) => account.roles.includes(role))!;
const communications = byRole('communications');
const leader = byRole('leader');
const officer = byRole('officer');
const [an, binh] = DEMO_ACCOUNTS;

const NOTICE = 'id title body kind status audience wardCodes topic validFrom validUntil publishedAt';
const DRAFT = `mutation($input: NoticeInput!) { draftNotice(input: $input) { ${NOTICE} } }`;
const EDIT = `mutation($id: ID!, $input: NoticeInput!) { updateNoticeDraft(id: $id, input: $input) { ${NOTICE} } }`;
const PUBLISH = `mutation($id: ID!) { publishNotice(id: $id) { ${NOTICE} history { actorId action changedFields at } } }`;
const FEED = '{ me { noticeFeed(first: 100) { id title audience } } }';
const FOLLOW = 'mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { inApp wardCodes topics } }';

interface NoticeView {
  id: string;
  title: string;
  kind: string;
  status: string;
  audience: string;
  wardCodes: string[];
  topic: string | null;
  validFrom: string;
  validUntil: string | null;
  publishedAt: string | null;
  history?: { actorId: string; action: string; changedFields: string[]; at: string }[];
}

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
let counter = 0;
const input = (overrides: Record<string, unknown> = {}) => ({
  title: `Thông báo thử nghiệm số ${++counter}`,
  body: 'Nội dung thông báo chính thức của Ủy ban nhân dân Thành phố gửi người dân.',
  kind: 'NEWS',
  audience: { kind: 'ALL' },
  ...overrides,
});

describe('notices', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let smtp: SmtpCapture;
  const tokens: Record<string, string> = {};

  async function as(who: string, query: string, variables?: unknown): Promise<GraphQLBody> {
    return (await hub.graphql(query, { token: tokens[who]!, variables })).body;
  }
  async function drafted(overrides: Record<string, unknown> = {}, who = 'communications'): Promise<NoticeView> {
    const body = await as(who, DRAFT, { input: input(overrides) });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['draftNotice'] as NoticeView;
  }
  async function published(overrides: Record<string, unknown> = {}, who = 'communications'): Promise<NoticeView> {
    const draft = await drafted(overrides, who);
    const body = await as(who, PUBLISH, { id: draft.id });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['publishNotice'] as NoticeView;
  }
  async function feed(who: string): Promise<{ id: string; title: string; audience: string }[]> {
    const body = await as(who, FEED);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['me'] as { noticeFeed: { id: string; title: string; audience: string }[] }).noticeFeed;
  }
  const ids = (list: { id: string }[]) => new Set(list.map((item) => item.id));
  const notificationDb = () => hub.subgraphs['notification']!.db as NotificationClient;

  before(async () => {
    smtp = await startSmtpCapture();
    // E-mail to the test's SMTP server; SMS and Zalo to the development sink (no provider configured).
    keyed = await startHubWithRealmKeys({
      subgraphEnv: { NOTIFICATION_SMTP_HOST: '127.0.0.1', NOTIFICATION_SMTP_PORT: String(smtp.port), NOTIFICATION_DELIVERY_POLL_MS: '100' },
    });
    hub = keyed.hub;
    tokens['communications'] = await keyed.token({ sub: communications.sub, roles: ['communications'] });
    tokens['leader'] = await keyed.token({ sub: leader.sub, roles: ['leader'] });
    tokens['officer'] = await keyed.token({ sub: officer.sub, roles: ['officer'], unit: officer.unit });
    tokens['an'] = await keyed.token({ sub: an!.sub });
    tokens['binh'] = await keyed.token({ sub: binh!.sub });
  });
  after(async () => {
    await keyed?.close();
    await smtp?.close();
  });

  test('the communications office drafts, edits and publishes; the history names who, when and which fields', async () => {
    const draft = await drafted({ audience: { kind: 'WARDS', wardCodes: ['P-BEN-THANH', 'P-SAI-GON'] } });
    assert.equal(draft.status, 'DRAFT');
    assert.equal(draft.publishedAt, null);
    assert.deepEqual(draft.wardCodes, ['P-BEN-THANH', 'P-SAI-GON']);
    // A draft is not public.
    assert.equal(codeOf(await as('an', `{ notice(id: "${draft.id}") { id } }`)), 'NOT_FOUND');
    assert.ok(!ids((await hub.graphql('{ notices(wardCode: "P-BEN-THANH", first: 100) { id } }')).body.data?.['notices'] as { id: string }[]).has(draft.id));

    const until = inHours(48);
    const edited = await as('communications', EDIT, {
      id: draft.id,
      input: { ...input(), title: 'Thông báo đã sửa tiêu đề', audience: { kind: 'WARDS', wardCodes: ['P-BEN-THANH'] }, validUntil: until },
    });
    assert.equal(edited.errors, undefined, JSON.stringify(edited.errors));
    const notice = (await as('communications', PUBLISH, { id: draft.id })).data?.['publishNotice'] as NoticeView;
    assert.equal(notice.status, 'PUBLISHED');
    assert.ok(notice.publishedAt);
    assert.equal(notice.validUntil, until);
    assert.deepEqual(
      notice.history?.map((entry) => [entry.action, entry.actorId, entry.changedFields]),
      [
        ['DRAFTED', communications.sub, []],
        ['EDITED', communications.sub, ['title', 'wardCodes', 'validUntil']],
        ['PUBLISHED', communications.sub, []],
      ],
    );
    // Published, it can no longer change, nor be published twice.
    assert.equal(codeOf(await as('communications', EDIT, { id: draft.id, input: input() })), 'ILLEGAL_TRANSITION');
    assert.equal(codeOf(await as('communications', PUBLISH, { id: draft.id })), 'ILLEGAL_TRANSITION');
    // Public now, for that ward.
    const { body } = await hub.graphql('{ notices(wardCode: "P-BEN-THANH", first: 100) { id wardCode } }');
    assert.ok(ids(body.data?.['notices'] as { id: string }[]).has(draft.id));
  });

  test('leaders publish emergencies only; citizens and officers manage nothing; history is for staff', async () => {
    const emergency = await published({ kind: 'EMERGENCY', title: 'Cảnh báo ngập sâu do triều cường' }, 'leader');
    assert.equal(emergency.kind, 'EMERGENCY');
    assert.equal(emergency.history?.at(-1)?.actorId, leader.sub);
    assert.equal(codeOf(await as('leader', DRAFT, { input: input({ kind: 'NEWS' }) })), 'FORBIDDEN');
    const news = await drafted({ kind: 'NEWS' });
    assert.equal(codeOf(await as('leader', PUBLISH, { id: news.id })), 'FORBIDDEN');
    // Nor may a leader turn a news draft into an emergency to publish it.
    assert.equal(codeOf(await as('leader', EDIT, { id: news.id, input: input({ kind: 'EMERGENCY' }) })), 'FORBIDDEN');
    for (const who of ['an', 'officer']) {
      assert.equal(codeOf(await as(who, DRAFT, { input: input() })), 'FORBIDDEN', who);
      assert.equal(codeOf(await as(who, PUBLISH, { id: news.id })), 'FORBIDDEN', who);
      assert.equal(codeOf(await as(who, '{ managedNotices { id } }')), 'FORBIDDEN', who);
    }
    assert.equal(codeOf(await hub.graphql(DRAFT, { variables: { input: input() } }).then((reply) => reply.body)), 'UNAUTHENTICATED');
    // The draft is still a draft, unpublished by all those attempts.
    const managed = (await as('communications', '{ managedNotices(status: DRAFT, first: 100) { id status } }')).data?.['managedNotices'] as NoticeView[];
    assert.ok(managed.some((notice) => notice.id === news.id && notice.status === 'DRAFT'));
    // Leaders see emergencies only in the staff list.
    const leaders = (await as('leader', '{ managedNotices(first: 100) { kind } }')).data?.['managedNotices'] as NoticeView[];
    assert.ok(leaders.length > 0 && leaders.every((notice) => notice.kind === 'EMERGENCY'));
    // A citizen reading a public notice gets no history.
    const asCitizen = await as('an', `{ notice(id: "${emergency.id}") { id history { action } } }`);
    assert.equal(codeOf(asCitizen), 'FORBIDDEN');
  });

  test("a citizen's feed: everyone's, their followed wards and topics, and their own; nothing else", async () => {
    const everyone = await published();
    const benThanh = await published({ audience: { kind: 'WARDS', wardCodes: ['P-BEN-THANH'] } });
    const choLon = await published({ audience: { kind: 'WARDS', wardCodes: ['P-CHO-LON'] } });
    const health = await published({ audience: { kind: 'TOPIC', topic: 'HEALTH' } });
    const toBinh = await published({ audience: { kind: 'PERSON', personId: binh!.sub } });

    // Nothing followed yet: everyone's notices only.
    let seen = ids(await feed('binh'));
    assert.ok(seen.has(everyone.id) && seen.has(toBinh.id));
    for (const notice of [benThanh, choLon, health]) assert.ok(!seen.has(notice.id), notice.audience);
    assert.ok(!ids(await feed('an')).has(toBinh.id), "another person's notice stays theirs");

    const follow = await as('binh', FOLLOW, { input: { wardCodes: ['P-BEN-THANH'], topics: ['HEALTH'] } });
    assert.deepEqual(follow.data?.['updateNotificationPreferences'], { inApp: true, wardCodes: ['P-BEN-THANH'], topics: ['HEALTH'] });
    seen = ids(await feed('binh'));
    for (const notice of [everyone, benThanh, health, toBinh]) assert.ok(seen.has(notice.id), notice.audience);
    assert.ok(!seen.has(choLon.id));
    // Changing topics alone keeps the wards.
    await as('binh', FOLLOW, { input: { topics: [] } });
    seen = ids(await feed('binh'));
    assert.ok(seen.has(benThanh.id) && !seen.has(health.id));

    // A notice to one person is never public, and is NOT_FOUND for anyone else.
    const { body } = await hub.graphql('{ notices(first: 100) { id } }');
    assert.ok(!ids(body.data?.['notices'] as { id: string }[]).has(toBinh.id));
    assert.equal(codeOf(await as('an', `{ notice(id: "${toBinh.id}") { id } }`)), 'NOT_FOUND');
    assert.equal((await as('binh', `{ notice(id: "${toBinh.id}") { id } }`)).data?.['notice'] !== null, true);
  });

  test('validity: a notice shows only inside its window, and one whose window is over cannot be published', async () => {
    const later = await published({ validFrom: inHours(24), validUntil: inHours(48) });
    assert.ok(!ids(await feed('an')).has(later.id), 'not yet valid');
    assert.equal(await new NoticeFanout(notificationDb(), { logger: pino({ level: 'silent' }) }).drain(later.id), 0, 'sent when its window opens, not before');
    assert.equal(codeOf(await as('an', `{ notice(id: "${later.id}") { id } }`)), 'NOT_FOUND');

    const past = await drafted({ validFrom: inHours(-48), validUntil: inHours(-24) });
    const refused = await as('communications', PUBLISH, { id: past.id });
    assert.equal(codeOf(refused), 'NOTICE_OUTSIDE_VALIDITY');
    const still = (await as('communications', `{ notice(id: "${past.id}") { status } }`)).data?.['notice'] as { status: string };
    assert.equal(still.status, 'DRAFT');
    // An empty window is refused when written.
    assert.equal(codeOf(await as('communications', DRAFT, { input: input({ validFrom: inHours(5), validUntil: inHours(1) }) })), 'NOTICE_OUTSIDE_VALIDITY');
    // The seeded flood warning of October is over: no longer listed.
    const { body } = await hub.graphql('{ notices(wardCode: "P-CHO-LON", first: 100) { title } }');
    assert.ok(!(body.data?.['notices'] as { title: string }[]).some((notice) => notice.title.startsWith('Cảnh báo triều cường')));
  });

  test('bad input: audiences that match nobody, mismatched fields, bad lengths, unknown ids — coded, nothing written', async () => {
    const before = ((await as('communications', '{ managedNotices(first: 100) { id } }')).data?.['managedNotices'] as unknown[]).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ audience: { kind: 'WARDS', wardCodes: [] } }, 'NOTICE_AUDIENCE_EMPTY'],
      [{ audience: { kind: 'WARDS' } }, 'NOTICE_AUDIENCE_EMPTY'],
      [{ audience: { kind: 'WARDS', wardCodes: ['P-NO-SUCH-WARD'] } }, 'NOTICE_AUDIENCE_EMPTY'],
      [{ audience: { kind: 'TOPIC', topic: 'ASTROLOGY' } }, 'NOTICE_AUDIENCE_EMPTY'],
      [{ audience: { kind: 'TOPIC' } }, 'NOTICE_AUDIENCE_EMPTY'],
      [{ audience: { kind: 'PERSON', personId: '   ' } }, 'NOTICE_AUDIENCE_EMPTY'],
      [{ audience: { kind: 'ALL', topic: 'HEALTH' } }, 'BAD_USER_INPUT'],
      [{ audience: { kind: 'TOPIC', topic: 'HEALTH', wardCodes: ['P-BEN-THANH'] } }, 'BAD_USER_INPUT'],
      [{ title: 'Hi' }, 'BAD_USER_INPUT'],
      [{ body: 'x'.repeat(5001) }, 'BAD_USER_INPUT'],
      [{ kind: 'GOSSIP' }, 'BAD_USER_INPUT'],
      [{ validUntil: 'not a date' }, 'BAD_USER_INPUT'],
    ];
    for (const [overrides, code] of cases) {
      const body = await as('communications', DRAFT, { input: input(overrides) });
      assert.equal(codeOf(body), code, JSON.stringify(overrides));
      assert.ok(!JSON.stringify(body).includes('prisma') && !JSON.stringify(body).includes('stack'));
    }
    const unknownWard = await as('communications', DRAFT, { input: input({ audience: { kind: 'WARDS', wardCodes: ['P-BEN-THANH', 'P-NOWHERE'] } }) });
    assert.deepEqual(unknownWard.errors?.[0]?.extensions?.['unknown'], ['P-NOWHERE']);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      assert.equal(codeOf(await as('communications', PUBLISH, { id })), 'NOT_FOUND', id);
      assert.equal(codeOf(await as('communications', `{ notice(id: "${id}") { id } }`)), 'NOT_FOUND', id);
    }
    assert.equal(codeOf(await as('an', FOLLOW, { input: { wardCodes: ['P-NOWHERE'] } })), 'BAD_USER_INPUT');
    assert.equal(codeOf(await as('an', FOLLOW, { input: { topics: ['ASTROLOGY'] } })), 'BAD_USER_INPUT');
    const after = ((await as('communications', '{ managedNotices(first: 100) { id } }')).data?.['managedNotices'] as unknown[]).length;
    assert.equal(after, before, 'nothing written');
  });

  // Fan-out: people who registered an address and chose channels, following a ward.
  async function resident(wardCodes: string[], channels: string[], extra: Record<string, unknown> = {}) {
    const sub = `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}`;
    const token = await keyed.token({ sub });
    const suffix = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const email = `cu.dan.${suffix}@example.vn`;
    const phone = `09${suffix}`;
    for (const [channel, address] of [
      ['EMAIL', email],
      ['SMS', phone],
    ] as const) {
      const { body } = await hub.graphql('mutation($c: DeliveryChannel!, $a: String!) { setContactPoint(channel: $c, address: $a) { channel } }', { token, variables: { c: channel, a: address } });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    }
    const { body } = await hub.graphql(FOLLOW.replace('{ inApp wardCodes topics }', '{ channels }'), { token, variables: { input: { wardCodes, channels, ...extra } } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return { sub, token, email, phone };
  }
  async function inbox(token: string, noticeId: string) {
    const { body } = await hub.graphql('{ me { notifications(first: 100) { kind link title } } }', { token });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['me'] as { notifications: { kind: string; link: string; title: string }[] }).notifications.filter((note) => note.kind === 'NOTICE' && note.link === noticeId);
  }
  async function sunk(channel: string): Promise<{ address: string; text: string }[]> {
    const body = await as('communications', 'query($c: DeliveryChannel) { sinkMessages(channel: $c, first: 100) { address text } }', { c: channel });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['sinkMessages'] as { address: string; text: string }[];
  }
  const fannedOut = (id: string) => until(`the fan-out of ${id}`, async () => (await notificationDb().notice.findUniqueOrThrow({ where: { id } })).fanoutDoneAt !== null);

  test("a ward's notice reaches its residents only: inbox, e-mail, SMS — once, even retried or resumed after a crash", async () => {
    const [first, second] = await Promise.all([resident(['P-TAN-DINH'], ['EMAIL', 'SMS']), resident(['P-TAN-DINH', 'P-SAI-GON'], ['EMAIL', 'SMS'])]);
    const elsewhere = await resident(['P-CHO-LON'], ['EMAIL', 'SMS']);
    const notice = await published({ audience: { kind: 'WARDS', wardCodes: ['P-TAN-DINH'] } });
    for (const person of [first, second]) {
      assert.equal((await until('the inbox message', async () => (await inbox(person.token, notice.id)).length > 0 && inbox(person.token, notice.id))).length, 1);
      const mail = await until('the e-mail', () => smtp.mails.find((one) => one.to.includes(person.email)));
      assert.match(mail.raw, /Content-Type: text\/html/i);
      await until('the SMS in the sink', async () => (await sunk('SMS')).find((one) => one.address === person.phone && one.text.includes(notice.title)));
    }
    await fannedOut(notice.id);
    assert.equal((await inbox(elsewhere.token, notice.id)).length, 0, 'another ward hears nothing');
    assert.ok(!smtp.mails.some((one) => one.to.includes(elsewhere.email)));
    assert.ok(!(await sunk('SMS')).some((one) => one.address === elsewhere.phone));

    // Publishing again is refused; a retried fan-out writes nothing new.
    assert.equal(codeOf(await as('communications', PUBLISH, { id: notice.id })), 'ILLEGAL_TRANSITION');
    const db = notificationDb();
    const counts = async () => [await db.message.count({ where: { noticeId: notice.id } }), await db.delivery.count({ where: { eventId: notice.id } })];
    assert.deepEqual(await counts(), [2, 4]);
    await db.notice.update({ where: { id: notice.id }, data: { fanoutDoneAt: null, fanoutCursor: null, fanoutLeaseUntil: null } });
    // Another process (a replica, or this one restarted) takes the notice over.
    const restarted = new NoticeFanout(db, { logger: pino({ level: 'silent' }) });
    assert.equal(await restarted.drain(notice.id), 1);
    assert.deepEqual(await counts(), [2, 4], 'a retry duplicates nothing');

    // A crash after the first resident's batch committed, before the rest: the restart finishes from the cursor.
    const [reached] = [first.sub, second.sub].sort();
    const rest = reached === first.sub ? second : first;
    await db.message.deleteMany({ where: { noticeId: notice.id, recipientId: rest.sub } });
    await db.delivery.deleteMany({ where: { eventId: notice.id, recipientId: rest.sub } });
    await db.notice.update({ where: { id: notice.id }, data: { fanoutDoneAt: null, fanoutCursor: reached, fanoutLeaseUntil: new Date(Date.now() - 1000) } });
    assert.equal(await restarted.drain(notice.id), 1);
    assert.deepEqual(await counts(), [2, 4]);
    assert.equal((await inbox(rest.token, notice.id)).length, 1);
  });

  test('an emergency reaches someone in their quiet hours at once; news to them waits for the hours to end', async () => {
    // Quiet hours from an hour ago to an hour ahead, Việt Nam time.
    const local = vietnamWallClock(new Date());
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const clock = (offset: number) => clockOf((minute + offset + 1440) % 1440);
    const person = await resident(['P-BEN-THANH'], ['SMS'], { quietHours: { start: clock(-60), end: clock(60) } });
    const news = await published({ kind: 'NEWS', audience: { kind: 'PERSON', personId: person.sub } });
    const emergency = await published({ kind: 'EMERGENCY', title: `Khẩn cấp: triều cường ${randomUUID().slice(0, 6)}`, audience: { kind: 'WARDS', wardCodes: ['P-BEN-THANH'] } }, 'leader');
    await until('the emergency SMS', async () => (await sunk('SMS')).find((one) => one.address === person.phone && one.text.includes(emergency.title)));
    await fannedOut(news.id);
    for (const notice of [news, emergency]) assert.equal((await inbox(person.token, notice.id)).length, 1, 'in-app is never held');
    await sleep(500);
    assert.ok(!(await sunk('SMS')).some((one) => one.text.includes(news.title)), 'the news SMS waits');
    const held = await notificationDb().delivery.findFirstOrThrow({ where: { eventId: news.id, recipientId: person.sub } });
    assert.equal(held.status, 'QUEUED');
    assert.ok(held.nextAttemptAt.getTime() > Date.now(), 'due when the quiet hours end');
  });
});
