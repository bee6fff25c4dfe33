// Directives (chỉ đạo điều hành) through the gateway: a leader addresses a unit, a category, a ward or
// one item; the addressed units reply once; overdue directives are visible. Who may issue, reply and
// see, and bad input — refused with a coded error and nothing written.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createInternalTokenSigner, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import { announceOverdueDirectives } from '../../subgraphs/feedback/directives/overdue.ts';
import type { PrismaClient as FeedbackClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { DEMO_DIRECTIVES, ROUTING_RULES } from '../../subgraphs/feedback/prisma/seed-data.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';
import { until } from '../../testing/wait.ts';

const byRole = (role: string) => DEMO_ACCOUNTS.find((account) => account.roles.includes(role))!;
const officer = byRole('officer');
const leader = byRole('leader');
const operator = byRole('operator');
const citizen = DEMO_ACCOUNTS[0]!;

const DIRECTIVE = 'code target { kind code } content dueAt createdAt overdue answered recipients { unit { code name } repliedAt reply late overdue }';
const ISSUE = `mutation($input: IssueDirectiveInput!) { issueDirective(input: $input) { ${DIRECTIVE} } }`;
const REPLY = 'mutation($code: String!, $content: String!) { replyToDirective(code: $code, content: $content) { unit { code } repliedAt reply late overdue directive { code answered overdue } } }';
const LIST = `query($status: DirectiveStatus) { directives(status: $status, first: 100) { ${DIRECTIVE} } }`;

interface DirectiveView {
  code: string;
  target: { kind: string; code: string };
  content: string;
  dueAt: string;
  createdAt: string;
  overdue: boolean;
  answered: boolean;
  recipients: { unit: { code: string; name: string }; repliedAt: string | null; reply: string | null; late: boolean; overdue: boolean }[];
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

describe('directives', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const tokens: Record<string, string> = {};

  async function issue(who: string, target: { kind: string; code: string }, overrides: Record<string, unknown> = {}) {
    return hub.graphql(ISSUE, {
      token: tokens[who]!,
      variables: { input: { target, content: 'Đề nghị kiểm tra, xử lý và báo cáo kết quả về Thường trực UBND Thành phố.', dueAt: inDays(7), ...overrides } },
    });
  }
  async function issued(target: { kind: string; code: string }, overrides: Record<string, unknown> = {}): Promise<DirectiveView> {
    const { body } = await issue('leader', target, overrides);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['issueDirective'] as DirectiveView;
  }
  async function reply(who: string, code: string, content = 'Đơn vị đã tiếp thu, triển khai và báo cáo kết quả.') {
    return hub.graphql(REPLY, { token: tokens[who]!, variables: { code, content } });
  }
  async function list(who: string, status?: string): Promise<DirectiveView[]> {
    const { body } = await hub.graphql(LIST, { token: tokens[who]!, variables: { status } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['directives'] as DirectiveView[];
  }
  async function unitDirectives(who: string): Promise<DirectiveView[]> {
    const { body } = await hub.graphql(`{ unitDirectives(first: 100) { ${DIRECTIVE} } }`, { token: tokens[who]! });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['unitDirectives'] as DirectiveView[];
  }
  const units = (directive: DirectiveView) => directive.recipients.map((recipient) => recipient.unit.code);

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    tokens['leader'] = await keyed.token({ sub: leader.sub, roles: ['leader'] });
    tokens['otherLeader'] = await keyed.token({ sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e598', roles: ['leader'] });
    tokens['officer'] = await keyed.token({ sub: officer.sub, roles: ['officer'], unit: officer.unit });
    tokens['sawaco'] = await keyed.token({ sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e599', roles: ['officer'], unit: 'SAWACO' });
    tokens['operator'] = await keyed.token({ sub: operator.sub, roles: ['operator'], unit: operator.unit });
    tokens['citizen'] = await keyed.token({ sub: citizen.sub });
  });
  after(() => keyed?.close());

  test('the demo seed has one answered, one open and one overdue directive, each found by its status', async () => {
    const [answered, overdue, open] = DEMO_DIRECTIVES;
    assert.deepEqual(
      (await list('leader', 'ANSWERED')).map((d) => d.code),
      [answered!.code],
    );
    assert.deepEqual(
      (await list('leader', 'OVERDUE')).map((d) => d.code),
      [overdue!.code],
    );
    assert.deepEqual(
      (await list('leader', 'OPEN')).map((d) => d.code),
      [open!.code],
    );
    const all = await list('leader');
    const seededOverdue = all.find((d) => d.code === overdue!.code)!;
    assert.equal(seededOverdue.overdue, true);
    assert.equal(seededOverdue.answered, false);
    assert.deepEqual(
      seededOverdue.recipients.map((r) => [r.unit.code, r.overdue, r.repliedAt]),
      [['CHIEU-SANG', true, null]],
    );
    const seededAnswered = all.find((d) => d.code === answered!.code)!;
    assert.deepEqual([seededAnswered.answered, seededAnswered.overdue, seededAnswered.recipients[0]!.late], [true, false, false]);
  });

  test('each target kind addresses the right units', async () => {
    const unit = await issued({ kind: 'UNIT', code: 'UBND-P-BEN-THANH' });
    assert.match(unit.code, /^CD\d{4}\d{8}$/);
    assert.deepEqual(unit.target, { kind: 'UNIT', code: 'UBND-P-BEN-THANH' });
    assert.deepEqual(units(unit), ['UBND-P-BEN-THANH']);
    assert.deepEqual([unit.overdue, unit.answered], [false, false]);
    assert.equal(unit.recipients[0]!.unit.name, 'Ủy ban nhân dân phường Bến Thành');

    // ITEM: the item's current handling unit (a seeded item handled by Sở Xây dựng).
    assert.deepEqual(units(await issued({ kind: 'ITEM', code: 'PHA261000483917' })), ['SO-XAY-DUNG']);

    // CATEGORY: the units its routing rules send it to; ward-level categories reach every ward committee.
    assert.deepEqual(units(await issued({ kind: 'CATEGORY', code: 'CAP_NUOC' })), ['SAWACO']);
    const wardLevel = ROUTING_RULES.filter((rule) => rule.categoryCode === 'TRAT_TU_DO_THI')
      .map((rule) => rule.unitCode)
      .sort();
    assert.ok(wardLevel.length > 50);
    assert.deepEqual(units(await issued({ kind: 'CATEGORY', code: 'TRAT_TU_DO_THI' })), wardLevel);
    // …and a category without rules goes to the 1022 centre.
    assert.deepEqual(units(await issued({ kind: 'CATEGORY', code: 'GOP_Y_HIEN_KE' })), ['TT-1022']);

    // WARD: its ward committee plus the units its rules send it to; a ward no unit covers → the 1022 centre.
    assert.deepEqual(units(await issued({ kind: 'WARD', code: 'P-BEN-THANH' })), ['UBND-P-BEN-THANH']);
    assert.deepEqual(units(await issued({ kind: 'WARD', code: 'P-MY-THO' })), ['TT-1022']);
  });

  test('the unit replies once; the leader sees the answer; another unit cannot reply', async () => {
    const directive = await issued({ kind: 'UNIT', code: officer.unit! });
    assert.ok(
      (await unitDirectives('officer')).some((d) => d.code === directive.code),
      "in the officer's unit list",
    );
    assert.ok(!(await unitDirectives('sawaco')).some((d) => d.code === directive.code), "not in another unit's list");

    // Another unit's directive answers exactly as a code that does not exist (issue #10: no code oracle).
    const refused = await reply('sawaco', directive.code);
    assert.equal(codeOf(refused.body), 'NOT_FOUND', JSON.stringify(refused.body));
    const missing = await reply('sawaco', `CD${'9'.repeat(Math.max(1, directive.code.length - 2))}`);
    assert.deepEqual(
      refused.body.errors?.map((error) => ({ message: error.message, code: error.extensions?.['code'] })),
      missing.body.errors?.map((error) => ({ message: error.message, code: error.extensions?.['code'] })),
    );

    const { body } = await reply('officer', directive.code, '  Phường đã xử lý xong, báo cáo kèm theo.  ');
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const answer = body.data?.['replyToDirective'] as {
      unit: { code: string };
      repliedAt: string;
      reply: string;
      late: boolean;
      overdue: boolean;
      directive: { code: string; answered: boolean; overdue: boolean };
    };
    assert.equal(answer.unit.code, officer.unit);
    assert.equal(answer.reply, 'Phường đã xử lý xong, báo cáo kèm theo.');
    assert.ok(answer.repliedAt);
    assert.deepEqual([answer.late, answer.overdue], [false, false]);
    assert.deepEqual(answer.directive, { code: directive.code, answered: true, overdue: false });

    const again = await reply('officer', directive.code, 'Báo cáo bổ sung.');
    assert.equal(codeOf(again.body), 'ILLEGAL_TRANSITION', 'a second reply is refused');
    const seen = (await list('leader')).find((d) => d.code === directive.code)!;
    assert.equal(seen.answered, true);
    assert.equal(seen.recipients[0]!.reply, 'Phường đã xử lý xong, báo cáo kèm theo.', 'the first reply stands');
    assert.ok((await list('leader', 'ANSWERED')).some((d) => d.code === directive.code));
  });

  test("an officer of one addressed unit sees only their own unit's row, and answers for it", async () => {
    const directive = await issued({ kind: 'CATEGORY', code: 'TRAT_TU_DO_THI' });
    assert.ok(directive.recipients.length > 1);
    const mine = (await unitDirectives('officer')).find((d) => d.code === directive.code)!;
    assert.deepEqual(units(mine), [officer.unit]);
    await reply('officer', directive.code);
    const after = (await unitDirectives('officer')).find((d) => d.code === directive.code)!;
    assert.equal(after.answered, true, 'answered, as far as their unit is concerned');
    const forLeader = (await list('leader')).find((d) => d.code === directive.code)!;
    assert.equal(forLeader.answered, false, 'the other units have not replied');
    assert.equal(forLeader.recipients.filter((r) => r.repliedAt !== null).length, 1);
  });

  test('past its deadline a directive is overdue; a late reply is accepted and marked late', async () => {
    const due = new Date(Date.now() + 1500);
    const directive = await issued({ kind: 'UNIT', code: 'SAWACO' }, { dueAt: due.toISOString() });
    assert.equal(directive.overdue, false);
    assert.ok((await list('leader', 'OPEN')).some((d) => d.code === directive.code));
    await sleep(Math.max(0, due.getTime() - Date.now()) + 300);

    const overdue = (await list('leader', 'OVERDUE')).find((d) => d.code === directive.code);
    assert.ok(overdue, 'visible under OVERDUE');
    assert.deepEqual([overdue.overdue, overdue.answered, overdue.recipients[0]!.overdue], [true, false, true]);
    assert.ok(!(await list('leader', 'OPEN')).some((d) => d.code === directive.code));
    assert.equal((await unitDirectives('sawaco')).find((d) => d.code === directive.code)?.overdue, true, 'the unit sees it overdue too');

    const { body } = await reply('sawaco', directive.code);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.deepEqual((({ late, overdue: isOverdue }) => ({ late, overdue: isOverdue }))(body.data?.['replyToDirective'] as { late: boolean; overdue: boolean }), { late: true, overdue: false });
    const answered = (await list('leader', 'ANSWERED')).find((d) => d.code === directive.code);
    assert.ok(answered);
    assert.deepEqual([answered.overdue, answered.recipients[0]!.late], [false, true]);
  });

  test('script in the content is stored and returned as plain text', async () => {
    const content = '<script>alert("x")</script> Đề nghị <b>khẩn trương</b> xử lý & báo cáo.';
    const directive = await issued({ kind: 'UNIT', code: 'SAWACO' }, { content });
    assert.equal(directive.content, content);
    const { body } = await reply('sawaco', directive.code, '<img src=x onerror=alert(1)> Đã xử lý.');
    assert.equal((body.data?.['replyToDirective'] as { reply: string }).reply, '<img src=x onerror=alert(1)> Đã xử lý.');
  });

  test('bad input is BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const before = (await list('operator')).length;
    const beforeUnit = (await unitDirectives('officer')).length;
    const cases: [string, { kind: string; code: string }, Record<string, unknown>, string][] = [
      ['unknown unit', { kind: 'UNIT', code: 'NO-SUCH-UNIT' }, {}, 'target.code'],
      ['unknown category', { kind: 'CATEGORY', code: 'NO_SUCH_CATEGORY' }, {}, 'target.code'],
      ['unknown ward', { kind: 'WARD', code: 'P-NO-SUCH-WARD' }, {}, 'target.code'],
      ['unknown item', { kind: 'ITEM', code: 'PHA261199999999' }, {}, 'target.code'],
      ['item without a unit', { kind: 'ITEM', code: 'PHA261100905342' }, {}, 'target.code'],
      ['empty target', { kind: 'UNIT', code: '  ' }, {}, 'target.code'],
      ['empty content', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { content: '     ' }, 'content'],
      ['short content', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { content: 'Xử lý' }, 'content'],
      ['oversized content', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { content: 'x'.repeat(5001) }, 'content'],
      ['due in the past', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { dueAt: '2020-01-01T00:00:00Z' }, 'dueAt'],
      ['due now-ish', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { dueAt: new Date(Date.now() - 1000).toISOString() }, 'dueAt'],
      ['due over a year ahead', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { dueAt: inDays(370) }, 'dueAt'],
    ];
    for (const [label, target, overrides, field] of cases) {
      const { body } = await issue('leader', target, overrides);
      assert.equal(codeOf(body), 'BAD_USER_INPUT', `${label}: ${JSON.stringify(body)}`);
      assert.equal(body.errors?.[0]?.extensions?.['field'], field, label);
    }
    const notADate = await issue('leader', { kind: 'UNIT', code: 'UBND-P-BEN-THANH' }, { dueAt: 'next Friday' });
    assert.equal(codeOf(notADate.body), 'BAD_USER_INPUT');
    const notAKind = await issue('leader', { kind: 'DISTRICT', code: 'Q1' });
    assert.equal(codeOf(notAKind.body), 'BAD_USER_INPUT');

    const directive = await issued({ kind: 'UNIT', code: officer.unit! });
    for (const content of ['', '  ', 'x'.repeat(5001)]) {
      const { body } = await reply('officer', directive.code, content);
      assert.equal(codeOf(body), 'BAD_USER_INPUT', JSON.stringify(body));
      assert.equal(body.errors?.[0]?.extensions?.['field'], 'content');
    }
    assert.equal(codeOf((await reply('officer', 'CD261100000000')).body), 'NOT_FOUND');

    assert.equal((await list('operator')).length, before + 1, 'only the one good directive was written');
    const mine = await unitDirectives('officer');
    assert.equal(mine.length, beforeUnit + 1);
    assert.equal(mine.find((d) => d.code === directive.code)?.recipients[0]?.repliedAt, null, 'bad replies wrote nothing');
  });

  test('only leaders issue: a citizen, an officer and an operator are FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const before = (await list('operator')).length;
    for (const who of ['citizen', 'officer', 'operator']) {
      const { body } = await issue(who, { kind: 'UNIT', code: 'UBND-P-BEN-THANH' });
      assert.equal(body.data, null, who);
      assert.equal(codeOf(body), 'FORBIDDEN', `${who}: ${JSON.stringify(body)}`);
    }
    const anonymous = await hub.graphql(ISSUE, { variables: { input: { target: { kind: 'UNIT', code: 'SAWACO' }, content: 'Nội dung chỉ đạo thử.', dueAt: inDays(3) } } });
    assert.equal(codeOf(anonymous.body), 'UNAUTHENTICATED');
    // Defence in depth: the subgraph refuses an officer even when called past the gateway's policy.
    const signer = await createInternalTokenSigner(hub.internalKey);
    const asOfficer = await signer.sign({ subject: officer.sub, roles: ['officer'], scopes: [], level: 2, unit: officer.unit }, 'direct', GRAPHQL_PURPOSE);
    const response = await fetch(hub.subgraphUrls['feedback']!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${asOfficer}` },
      body: JSON.stringify({ query: ISSUE, variables: { input: { target: { kind: 'UNIT', code: 'SAWACO' }, content: 'Nội dung chỉ đạo thử.', dueAt: inDays(3) } } }),
    });
    assert.equal(codeOf((await response.json()) as GraphQLBody), 'FORBIDDEN');
    assert.equal((await list('operator')).length, before, 'nothing written');
  });

  test('who sees what: a leader their own, operators every one, officers their unit; citizens nothing', async () => {
    const directive = await issued({ kind: 'UNIT', code: 'SAWACO' });
    assert.ok((await list('leader')).some((d) => d.code === directive.code));
    assert.deepEqual(await list('otherLeader'), [], "another leader's directives are not theirs");
    assert.ok((await list('operator')).some((d) => d.code === directive.code));
    for (const who of ['citizen', 'officer']) {
      const { body } = await hub.graphql('{ directives { code } }', { token: tokens[who]! });
      assert.equal(codeOf(body), 'FORBIDDEN', who);
    }
    for (const who of ['citizen', 'leader']) {
      const { body } = await hub.graphql('{ unitDirectives { code } }', { token: tokens[who]! });
      assert.equal(codeOf(body), 'FORBIDDEN', who);
    }
    const citizenReply = await reply('citizen', directive.code);
    assert.equal(codeOf(citizenReply.body), 'FORBIDDEN');
  });

  test('the officers hear of a directive to their unit and of a reopened item, the leader of each reply: in their inboxes, codes only', async () => {
    const inbox = async (who: string, kind: string, link: string) =>
      until(`${kind} ${link} for ${who}`, async () => {
        const { body } = await hub.graphql('{ me { notifications(first: 100) { kind link title body } } }', { token: tokens[who]! });
        assert.equal(body.errors, undefined, JSON.stringify(body.errors));
        return (body.data?.['me'] as { notifications: { kind: string; link: string; title: string; body: string }[] }).notifications.find((note) => note.kind === kind && note.link === link);
      });
    const directive = await issued({ kind: 'UNIT', code: officer.unit! });
    await inbox('officer', 'DIRECTIVE_ISSUED', directive.code);
    const answer = 'Đơn vị đã kiểm tra hiện trường và xử lý dứt điểm.';
    assert.equal((await reply('officer', directive.code, answer)).body.errors, undefined);
    const replied = await inbox('leader', 'DIRECTIVE_REPLIED', directive.code);
    assert.ok(!`${replied.title} ${replied.body}`.includes(answer), "the reply's text stays on the directive");

    const act = async (who: string, code: string, action: string, input?: Record<string, unknown>) => {
      const { body } = await hub.graphql(
        'mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }',
        {
          token: tokens[who]!,
          variables: { code, action, input },
        },
      );
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    };
    const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code unit { code } } }', {
      token: tokens['citizen']!,
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Hàng quán lấn chiếm vỉa hè trước chợ Bến Thành.', lat: 10.7725, lng: 106.698 } },
    });
    const item = body.data?.['submitFeedback'] as { code: string; unit: { code: string } };
    assert.equal(item.unit.code, officer.unit);
    await act('officer', item.code, 'START');
    await act('officer', item.code, 'RESOLVE', { resultText: 'Đã giải tỏa vỉa hè.' });
    const reason = 'Hàng quán đã bày ra lại ngay sáng hôm sau.';
    await act('citizen', item.code, 'REOPEN', { reason });
    const reopened = await inbox('officer', 'FEEDBACK_REOPENED', item.code);
    assert.ok(!`${reopened.title} ${reopened.body}`.includes(reason), "the reporter's reason stays on the item");
  });

  test('a directive past its deadline unanswered is announced once to the leader and the silent unit, however often the sweep runs', async () => {
    const notes = async (who: string, code: string) => {
      const { body } = await hub.graphql('{ me { notifications(first: 100) { kind link body } } }', { token: tokens[who]! });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return (body.data?.['me'] as { notifications: { kind: string; link: string; body: string }[] }).notifications.filter((note) => note.kind === 'DIRECTIVE_OVERDUE' && note.link === code);
    };
    const due = new Date(Date.now() + 1500);
    const directive = await issued({ kind: 'UNIT', code: officer.unit! }, { dueAt: due.toISOString() });
    const feedbackDb = hub.subgraphs['feedback']!.db as FeedbackClient;
    assert.equal(await announceOverdueDirectives(feedbackDb), 0, 'not overdue yet');
    await sleep(Math.max(0, due.getTime() - Date.now()) + 300);

    // Two replicas sweeping at once, then a third sweep: one announcement.
    await Promise.all([announceOverdueDirectives(feedbackDb), announceOverdueDirectives(feedbackDb)]);
    await announceOverdueDirectives(feedbackDb);
    const events = await feedbackDb.$queryRaw<
      { payload: Record<string, unknown> }[]
    >`SELECT "payload" FROM "outbox" WHERE "topic" = 'feedback.directive-overdue' AND "payload"->>'code' = ${directive.code}`;
    assert.equal(events.length, 1, 'one event for the directive');
    assert.deepEqual(Object.keys(events[0]!.payload).sort(), ['code', 'dueAt', 'leaderId', 'officerIds'], 'codes and subjects only');

    const announced = (who: string) =>
      until(`the overdue notice in the inbox of ${who}`, async () => {
        const found = await notes(who, directive.code);
        return found.length > 0 && found;
      });
    const forLeader = await announced('leader');
    assert.equal(forLeader.length, 1, 'once');
    assert.ok(forLeader[0]!.body.includes(directive.code));
    assert.equal((await announced('officer')).length, 1, 'the silent unit hears it too');

    // A directive answered in time is never announced.
    const answered = await issued({ kind: 'UNIT', code: 'SAWACO' }, { dueAt: new Date(Date.now() + 1500).toISOString() });
    assert.equal((await reply('sawaco', answered.code)).body.errors, undefined);
    await sleep(1800);
    await announceOverdueDirectives(feedbackDb);
    assert.equal((await notes('leader', answered.code)).length, 0);
  });
});
