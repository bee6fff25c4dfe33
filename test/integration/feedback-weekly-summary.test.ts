// The Friday summary: the schedule (parsing, the next Friday 15:00 in Việt Nam, ISO weeks), exact
// counts for a seeded week delivered to the leader's inbox through the gateway, no double emission
// (a second run, a restart, a second replica), the scheduler on an injected clock, and the citizen's
// inbox hearing of routed and resolved items.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { parseFeedbackConfig } from '../../subgraphs/feedback/config.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { LEADER_SCOPES } from '../../subgraphs/feedback/prisma/seed-data.ts';
import { isoWeekOf, nextRun, parseWeeklySchedule, previousRun, ScheduleError, startOfIsoWeek, summaryPeriod } from '../../subgraphs/feedback/summary/schedule.ts';
import { startWeeklySummaryScheduler } from '../../subgraphs/feedback/summary/scheduler.ts';
import type { Clock } from '../../subgraphs/feedback/summary/scheduler.ts';
import { runWeeklySummary } from '../../subgraphs/feedback/summary/weekly-summary.ts';
import type { LeaderSummary } from '../../subgraphs/feedback/summary/weekly-summary.ts';
import { ConfigError } from '../../platform/config.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const FRIDAY_15 = parseWeeklySchedule('FRI 15:00');
const byUsername = (username: string) => DEMO_ACCOUNTS.find((account) => account.username === username)!;

describe('summary schedule', () => {
  test('bad schedules are refused, at start, with the key named', () => {
    for (const bad of ['', 'FRIDAY 15:00', 'FRI', 'FRI 25:00', 'FRI 15:60', 'XYZ 10:00', 'FRI 3pm', 'FRI 15:00 daily', '15:00 FRI']) {
      assert.throws(() => parseWeeklySchedule(bad), ScheduleError, bad);
      assert.throws(
        () => parseFeedbackConfig({ FEEDBACK_SUMMARY_SCHEDULE: bad }),
        (error: unknown) => error instanceof ConfigError && error.problems.some((problem) => problem.startsWith('FEEDBACK_SUMMARY_SCHEDULE')),
        bad,
      );
    }
    assert.deepEqual(parseWeeklySchedule('fri 15:00'), { weekday: 5, hour: 15, minute: 0 });
    assert.deepEqual(parseWeeklySchedule('SUN 7:05'), { weekday: 7, hour: 7, minute: 5 });
    assert.deepEqual(parseFeedbackConfig({}).summarySchedule, FRIDAY_15, 'Friday 15:00 by default');
    assert.equal(parseFeedbackConfig({ FEEDBACK_SUMMARY_SCHEDULE: 'off' }).summarySchedule, null);
  });

  test('the next run is Friday 15:00 in Việt Nam (08:00 UTC)', () => {
    const next = (now: string, schedule = FRIDAY_15) => nextRun(schedule, new Date(now)).toISOString();
    assert.equal(next('2026-11-18T10:00:00+07:00'), '2026-11-20T08:00:00.000Z', 'Wednesday → this Friday');
    assert.equal(next('2026-11-20T14:59:59+07:00'), '2026-11-20T08:00:00.000Z', 'a second before');
    assert.equal(next('2026-11-20T15:00:00+07:00'), '2026-11-27T08:00:00.000Z', 'at the moment → next week');
    assert.equal(next('2026-11-21T00:30:00+07:00'), '2026-11-27T08:00:00.000Z', 'Saturday in Việt Nam, still Friday in UTC');
    assert.equal(next('2026-12-31T16:00:00+07:00'), '2027-01-01T08:00:00.000Z', 'across the year');
    assert.equal(next('2026-11-23T03:00:00+07:00', parseWeeklySchedule('MON 06:00')), '2026-11-22T23:00:00.000Z', 'Monday in Việt Nam, Sunday in UTC');
    assert.equal(previousRun(FRIDAY_15, new Date('2026-11-20T14:59:59+07:00')).toISOString(), '2026-11-13T08:00:00.000Z');
  });

  test('ISO weeks in Việt Nam time, and the seven days a summary covers', () => {
    assert.equal(isoWeekOf(new Date('2026-11-20T08:00:00Z')), '2026-W47');
    assert.equal(isoWeekOf(new Date('2026-11-22T17:30:00Z')), '2026-W48', 'Monday 00:30 in Việt Nam');
    assert.equal(isoWeekOf(new Date('2027-01-01T08:00:00Z')), '2026-W53', '2026 has 53 weeks');
    assert.equal(isoWeekOf(new Date('2026-01-01T08:00:00Z')), '2026-W01');
    assert.equal(startOfIsoWeek('2026-W47').toISOString(), '2026-11-15T17:00:00.000Z');
    assert.throws(() => startOfIsoWeek('2025-W53'), ScheduleError);
    assert.throws(() => startOfIsoWeek('2026-47'), ScheduleError);
    const period = summaryPeriod(FRIDAY_15, '2026-W47');
    assert.equal(period.start.toISOString(), '2026-11-13T08:00:00.000Z');
    assert.equal(period.end.toISOString(), '2026-11-20T08:00:00.000Z');
  });
});

/** A clock the test moves by hand. */
class FakeClock implements Clock {
  #now: number;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #nextId = 1;
  constructor(now: string) {
    this.#now = new Date(now).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  /** Move time forward, firing every timer due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = target;
  }
}

interface ItemSeed {
  readonly code: string;
  readonly wardCode: string;
  readonly receivedAt: string;
  readonly dueAt: string;
  /** History entries: [to status, at]. */
  readonly history?: readonly (readonly [string, string])[];
}

// Week 2026-W10: the summary of Friday 6 March 2026, 15:00, covers 27 Feb 15:00 to 6 Mar 15:00 (Việt Nam).
// No demo item falls near it. Expected for a city-wide (HCM) leader: received A B C G H = 5;
// handled A C D = 3 (C once, though resolved, published and closed); late B C = 2.
const WEEK = '2026-W10';
const ITEMS: readonly ItemSeed[] = [
  { code: 'PHA260399000001', wardCode: 'P-BEN-THANH', receivedAt: '2026-03-02T09:00:00+07:00', dueAt: '2026-03-03T09:00:00+07:00', history: [['RESOLVED', '2026-03-02T16:00:00+07:00']] },
  { code: 'PHA260399000002', wardCode: 'P-SAI-GON', receivedAt: '2026-03-03T10:00:00+07:00', dueAt: '2026-03-04T10:00:00+07:00' },
  {
    code: 'PHA260399000003',
    wardCode: 'P-BEN-THANH',
    receivedAt: '2026-03-04T10:00:00+07:00',
    dueAt: '2026-03-05T10:00:00+07:00',
    history: [
      ['RESOLVED', '2026-03-05T14:00:00+07:00'],
      ['PUBLISHED', '2026-03-05T15:00:00+07:00'],
      ['CLOSED', '2026-03-06T09:00:00+07:00'],
    ],
  },
  { code: 'PHA260299000004', wardCode: 'P-SAI-GON', receivedAt: '2026-02-20T10:00:00+07:00', dueAt: '2026-02-24T10:00:00+07:00', history: [['RESOLVED', '2026-03-02T11:00:00+07:00']] },
  { code: 'PHA260399000005', wardCode: 'P-MY-THO', receivedAt: '2026-03-02T10:00:00+07:00', dueAt: '2026-03-03T10:00:00+07:00' },
  { code: 'PHA260399000006', wardCode: 'P-BEN-THANH', receivedAt: '2026-03-06T16:00:00+07:00', dueAt: '2026-03-09T10:00:00+07:00' },
  { code: 'PHA260399000007', wardCode: 'P-SAI-GON', receivedAt: '2026-03-05T10:00:00+07:00', dueAt: '2026-03-09T10:00:00+07:00' },
  { code: 'PHA260399000008', wardCode: 'P-SAI-GON', receivedAt: '2026-03-02T10:00:00+07:00', dueAt: '2026-03-03T10:00:00+07:00', history: [['REJECTED', '2026-03-02T12:00:00+07:00']] },
];

async function seedWeek(db: PrismaClient): Promise<void> {
  for (const seed of ITEMS) {
    const item = await db.feedbackItem.create({
      data: {
        code: seed.code,
        citizenId: null,
        channel: 'PHONE',
        categoryCode: 'GIAO_THONG',
        title: 'Đèn tín hiệu hỏng',
        content: 'Đèn tín hiệu giao thông tại nút giao bị hỏng.',
        wardCode: seed.wardCode,
        lat: 10.77,
        lng: 106.7,
        status: (seed.history?.at(-1)?.[0] ?? 'ROUTED') as 'ROUTED',
        unitCode: 'TT-1022',
        receivedAt: new Date(seed.receivedAt),
        dueAt: new Date(seed.dueAt),
      },
    });
    await db.feedbackHistory.createMany({
      data: [
        { itemId: item.id, at: new Date(seed.receivedAt), action: 'RECORDED', toStatus: 'RECEIVED' },
        ...(seed.history ?? []).map(([to, at]) => ({ itemId: item.id, at: new Date(at), action: to, toStatus: to as 'RESOLVED' })),
      ],
    });
  }
}

describe('weekly summary through the hub', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  const leader = byUsername('em.vo');

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    db = hub.subgraphs['feedback']!.db as unknown as PrismaClient;
  });
  after(() => keyed?.close());

  async function inbox(token: string): Promise<{ kind: string; title: string; body: string; link: string | null }[]> {
    const { body } = await hub.graphql('{ me { notifications(first: 50) { kind title body link } } }', { token });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['me'] as { notifications: { kind: string; title: string; body: string; link: string | null }[] }).notifications;
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await sleep(50);
    }
  }

  test('the demo leader is seeded city-wide', async () => {
    assert.deepEqual(LEADER_SCOPES, [{ leaderSub: leader.sub, kind: 'CITY', code: 'HCM' }]);
    const scopes = await db.leaderScope.findMany({ where: { leaderId: leader.sub } });
    assert.deepEqual(
      scopes.map((scope) => [scope.kind, scope.code]),
      [['CITY', 'HCM']],
    );
  });

  test("exact counts for a seeded week reach the leader's inbox once, however often the summary runs", async () => {
    await seedWeek(db);
    const [summary, ...others] = await runWeeklySummary(db, WEEK, FRIDAY_15);
    assert.equal(others.length, 0, 'one leader has a scope');
    assert.deepEqual(
      { leaderId: summary!.leaderId, received: summary!.received, handled: summary!.handled, late: summary!.late, emitted: summary!.emitted },
      { leaderId: leader.sub, received: 5, handled: 3, late: 2, emitted: true },
    );

    const token = await keyed.token({ sub: leader.sub, roles: ['leader'] });
    const isThisWeek = (message: { kind: string; title: string }) => message.kind === 'FEEDBACK_WEEKLY_SUMMARY' && message.title === 'Tổng hợp phản ánh tuần 10/2026';
    const messages = await eventually(
      () => inbox(token),
      (list) => list.some(isThisWeek),
      'the summary in the inbox',
    );
    const message = messages.find(isThisWeek)!;
    assert.equal(message.body, 'Từ 27/02/2026 15:00 đến 06/03/2026 15:00: tiếp nhận 5, đã xử lý 3, trễ hạn 2.');

    // A second run (an operator, a restart) and two replicas at once emit nothing more.
    const again = await Promise.all([runWeeklySummary(db, WEEK, FRIDAY_15), runWeeklySummary(db, WEEK, FRIDAY_15)]);
    assert.deepEqual(
      again.flat().map((run) => run.emitted),
      [false, false],
    );
    assert.equal(await db.outbox.count({ where: { topic: 'feedback.weekly-summary', payload: { path: ['week'], equals: WEEK } } }), 1);
    await sleep(500);
    assert.equal((await inbox(token)).filter(isThisWeek).length, 1);

    // Another leader never sees it.
    const citizen = await keyed.token({ sub: byUsername('an.nguyen').sub });
    assert.equal((await inbox(citizen)).filter(isThisWeek).length, 0);

    // The leader reads their summaries back (the workspace's Friday summaries page); nobody else does.
    const SUMMARIES = '{ weeklySummaries { week received handled late } }';
    const own = await hub.graphql(SUMMARIES, { token });
    assert.deepEqual(
      (own.body.data?.['weeklySummaries'] as { week: string }[]).find((row) => row.week === WEEK),
      { week: WEEK, received: 5, handled: 3, late: 2 },
    );
    assert.equal((await hub.graphql(SUMMARIES, { token: citizen })).body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const otherLeader = await keyed.token({ sub: 'another-leader', roles: ['leader'] });
    assert.deepEqual((await hub.graphql(SUMMARIES, { token: otherLeader })).body.data?.['weeklySummaries'], [], "another leader's list is their own");
  });

  test('the scheduler runs at Friday 15:00 on its clock, and a restart that week does not emit again', async () => {
    const week = '2026-W12';
    const clock = new FakeClock('2026-03-20T14:59:00+07:00');
    const runs: { week: string; summaries: readonly LeaderSummary[] }[] = [];
    const scheduler = startWeeklySummaryScheduler({ db, schedule: FRIDAY_15, clock, onRun: (ran, summaries) => runs.push({ week: ran, summaries }) });
    try {
      assert.equal(scheduler.nextAt()?.toISOString(), '2026-03-20T08:00:00.000Z');
      clock.advance(59_000);
      await sleep(50);
      assert.equal(runs.length, 0, 'not before 15:00');
      clock.advance(1_000);
      await eventually(
        async () => runs.length,
        (count) => count === 1,
        'the scheduled run',
      );
      assert.equal(runs[0]!.week, week);
      assert.deepEqual(
        runs[0]!.summaries.map((summary) => summary.emitted),
        [true],
      );
      assert.equal(scheduler.nextAt()?.toISOString(), '2026-03-27T08:00:00.000Z', 'then next Friday');
    } finally {
      await scheduler.stop();
    }
    // Restarted at 15:30 the same Friday: it catches up on this week's run, which finds it done.
    const restartClock = new FakeClock('2026-03-20T15:30:00+07:00');
    const restarted: LeaderSummary[][] = [];
    const second = startWeeklySummaryScheduler({ db, schedule: FRIDAY_15, clock: restartClock, onRun: (_week, summaries) => restarted.push([...summaries]) });
    try {
      await eventually(
        async () => restarted.length,
        (count) => count === 1,
        'the catch-up run',
      );
      assert.deepEqual(
        restarted[0]!.map((summary) => summary.emitted),
        [false],
      );
      assert.equal(second.nextAt()?.toISOString(), '2026-03-27T08:00:00.000Z');
    } finally {
      await second.stop();
    }
    assert.equal(await db.weeklySummary.count({ where: { week } }), 1);
    assert.equal(await db.outbox.count({ where: { topic: 'feedback.weekly-summary', payload: { path: ['week'], equals: week } } }), 1);
  });

  test("routed and resolved items reach the reporter's inbox", async () => {
    const citizen = byUsername('an.nguyen');
    const officer = byUsername('dung.pham');
    const citizenToken = await keyed.token({ sub: citizen.sub });
    const officerToken = await keyed.token({ sub: officer.sub, roles: ['officer'], unit: officer.unit });
    const { body: submitted } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      token: citizenToken,
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán ăn lấn chiếm vỉa hè đường Lê Lợi.', lat: 10.7725, lng: 106.698 } },
    });
    const code = (submitted.data?.['submitFeedback'] as { code: string } | undefined)?.code;
    assert.ok(code, JSON.stringify(submitted));
    const routed = await eventually(
      () => inbox(citizenToken),
      (list) => list.some((message) => message.link === code),
      'the routed message',
    );
    assert.deepEqual(
      routed.filter((message) => message.link === code).map((message) => message.kind),
      ['FEEDBACK_ROUTED'],
    );
    for (const [action, input] of [
      ['START', undefined],
      ['RESOLVE', { resultText: 'Đã giải tỏa.' }],
    ] as const) {
      const { body } = await hub.graphql(
        'mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }',
        {
          token: officerToken,
          variables: { code, action, input },
        },
      );
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    }
    const resolved = await eventually(
      () => inbox(citizenToken),
      (list) => list.some((message) => message.link === code && message.kind === 'FEEDBACK_RESOLVED'),
      'the resolved message',
    );
    assert.deepEqual(
      resolved
        .filter((message) => message.link === code)
        .map((message) => message.kind)
        .sort(),
      ['FEEDBACK_RESOLVED', 'FEEDBACK_ROUTED'],
    );
    const events = await db.outbox.findMany({ where: { payload: { path: ['code'], equals: code } }, orderBy: { id: 'asc' } });
    // Each status change is also announced for the live updates (feedback.item-status-changed, with the new status).
    assert.deepEqual(
      events.map((row) => row.topic),
      ['feedback.item-routed', 'feedback.item-status-changed', 'feedback.item-resolved', 'feedback.item-status-changed'],
    );
    for (const row of events) {
      const keys = row.topic === 'feedback.item-status-changed' ? ['citizenId', 'code', 'status', 'unitCode'] : ['citizenId', 'code', 'unitCode'];
      assert.deepEqual(Object.keys(row.payload as object).sort(), keys, 'ids and codes only');
    }
  });
});
