// The catalogue answers questions, through the gateway as a portal or chatbot asks them (issue #13):
// procedures(search:) finds what a citizen means without diacritics, in another word order, by its
// common name or abbreviation, with a typo, or by code; answer(question:) gives sources with links and a
// confidence, never text of its own, says it does not know (and offers a 1022 item) when nothing fits,
// and leaves out FAQ entries that are not valid now. Bad input is refused with a coded reason that never
// repeats the question.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { FAQ_ENTRIES } from '../../subgraphs/dossier/catalogue/data/faq.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const SEARCH =
  'query($search: String, $field: String, $first: Int) { procedures(search: $search, field: $field, first: $first) { code name field processingDays feeVnd fees { description amountVnd } steps link agency { name } } }';
const ANSWER =
  'query($question: String!, $first: Int) { answer(question: $question, first: $first) { known suggestFeedback message items { kind confidence title text link procedure { code processingDays feeVnd agency { name } } faqEntry { code answer validFrom validUntil } } } }';

interface ProcedureView {
  code: string;
  name: string;
  field: string;
  processingDays: number;
  feeVnd: number;
  fees: { description: string; amountVnd: number }[];
  steps: string[];
  link: string;
  agency: { name: string };
}
interface AnswerItem {
  kind: 'PROCEDURE' | 'FAQ';
  confidence: number;
  title: string;
  text: string;
  link: string;
  procedure: { code: string; processingDays: number; feeVnd: number; agency: { name: string } } | null;
  faqEntry: { code: string; answer: string; validFrom: string; validUntil: string | null } | null;
}
interface AnswerView {
  known: boolean;
  suggestFeedback: boolean;
  message: string;
  items: AnswerItem[];
}

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];
const reasonOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['reason'];
const sourceOf = (item: AnswerItem) => (item.procedure ? `P:${item.procedure.code}` : `F:${item.faqEntry?.code}`);

describe('catalogue search and answers', () => {
  let keyed: KeyedHub;
  let hub: Hub;

  async function search(text: string, variables: Record<string, unknown> = {}): Promise<ProcedureView[]> {
    const { body } = await hub.graphql(SEARCH, { variables: { search: text, first: 10, ...variables } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['procedures'] as ProcedureView[];
  }
  async function answer(question: string, token?: string): Promise<AnswerView> {
    const { body } = await hub.graphql(ANSWER, { variables: { question }, ...(token ? { token } : {}) });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['answer'] as AnswerView;
  }
  const topCodes = (results: ProcedureView[], count = 3) => results.slice(0, count).map((procedure) => procedure.code);

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
  });
  after(() => keyed?.close());

  test('the demo catalogue: several hundred procedures across fields, departments and wards', async () => {
    const { body } = await hub.graphql('{ catalogueFields { name procedureCount } all: procedures(first: 200) { code agency { code name } } }');
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const fields = body.data?.['catalogueFields'] as { name: string; procedureCount: number }[];
    const total = fields.reduce((sum, field) => sum + field.procedureCount, 0);
    assert.ok(total >= 300, `${total} procedures`);
    assert.ok(fields.length >= 30, `${fields.length} fields`);
    const agencies = new Set((body.data?.['all'] as { agency: { name: string } }[]).map((procedure) => procedure.agency.name));
    assert.ok([...agencies].some((name) => name.startsWith('Sở ')) && [...agencies].some((name) => name.includes('phường')), [...agencies].join(', '));
  });

  test('search finds a procedure typed without diacritics, in another word order, or with a typo', async () => {
    const permit = '1.009994.H29'; // Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ
    assert.ok(topCodes(await search('cap giay phep xay dung')).includes(permit));
    assert.ok(topCodes(await search('Cấp giấy phép xây dựng')).includes(permit));
    assert.ok(topCodes(await search('xây dựng giấy phép cấp nhà ở')).includes(permit), 'other word order');
    assert.ok(topCodes(await search('giay phep xay dung nha o')).includes(permit));
    assert.equal(topCodes(await search('dang ky khia sinh'), 1)[0], '1.001193.H29', 'a typo: khia for khai');
    assert.equal(topCodes(await search('đăng kí kết hôn'), 1)[0], '1.000894.H29', 'kí for ký');
  });

  test('search understands the names people use: sổ đỏ, CCCD, GPXD, hộ khẩu, bằng lái, ĐKKD', async () => {
    assert.equal(topCodes(await search('làm sổ đỏ lần đầu'), 1)[0], '1.012758.H29');
    assert.ok(topCodes(await search('cấp lại CCCD bị mất')).includes('1.012104.H29'));
    assert.ok(topCodes(await search('xin GPXD nhà phố')).includes('1.009994.H29'));
    assert.equal(topCodes(await search('nhập hộ khẩu'), 1)[0], '1.004194.H29', 'đăng ký thường trú');
    assert.ok(topCodes(await search('đổi bằng lái xe')).includes('1.002804.H29'));
    assert.ok(topCodes(await search('ĐKKD hộ kinh doanh')).includes('2.000720.H29'));
  });

  test('search by code, whole or without the province part; a field narrows it', async () => {
    assert.deepEqual(topCodes(await search('1.001193.H29')), ['1.001193.H29']);
    assert.equal(topCodes(await search('thủ tục 1.009994'), 1)[0], '1.009994.H29');
    const building = await search('cấp giấy phép', { field: 'Xây dựng' });
    assert.ok(building.length > 0 && building.every((procedure) => procedure.field === 'Xây dựng'));
    assert.deepEqual(await search('zzzz qqqq xxxx'), [], 'nothing for nonsense');
  });

  test('a procedure shows its fees, steps, agency and its page on the portal', async () => {
    const [procedure] = await search('1.009994.H29');
    assert.ok(procedure);
    assert.equal(procedure.feeVnd, 75000);
    assert.deepEqual(procedure.fees, [{ description: 'Lệ phí cấp giấy phép xây dựng', amountVnd: 75000 }]);
    assert.ok(procedure.steps.length >= 3);
    assert.match(procedure.agency.name, /phường Gò Vấp/);
    assert.equal(procedure.link, 'http://127.0.0.1:4020/thu-tuc/1.009994.H29');
  });

  test('answer gives sources with links and a confidence, and only the records’ own words', async () => {
    const reply = await answer('lam so do lan dau can giay to gi');
    assert.equal(reply.known, true);
    assert.equal(reply.suggestFeedback, false);
    assert.ok(reply.items.length >= 1 && reply.items.length <= 3);
    assert.ok(
      reply.items.some((item) => ['P:1.012758.H29', 'F:HD-0043'].includes(sourceOf(item))),
      reply.items.map(sourceOf).join(),
    );
    for (const [index, item] of reply.items.entries()) {
      assert.ok(item.confidence > 0 && item.confidence <= 1, `confidence ${item.confidence}`);
      if (index > 0) assert.ok(item.confidence <= (reply.items[index - 1] as AnswerItem).confidence, 'best first');
      if (item.kind === 'FAQ') {
        assert.ok(item.faqEntry);
        assert.equal(item.text, item.faqEntry.answer, "an FAQ answer is the entry's own text");
        assert.equal(item.link, `http://127.0.0.1:4020/hoi-dap/${item.faqEntry.code}`);
      } else {
        assert.ok(item.procedure);
        assert.match(item.text, new RegExp(`${item.procedure.processingDays} ngày làm việc`));
        assert.ok(item.text.includes(item.procedure.agency.name), 'the agency of the record');
        assert.equal(item.link, `http://127.0.0.1:4020/thu-tuc/${item.procedure.code}`);
      }
    }
  });

  test('answer says it does not know, and offers a 1022 item, when nothing in the catalogue fits', async () => {
    for (const question of ['Thời tiết hôm nay thế nào?', 'giá vàng hôm nay', 'asdfgh qwerty', 'cho tôi hỏi']) {
      const reply = await answer(question);
      assert.equal(reply.known, false, question);
      assert.equal(reply.suggestFeedback, true, question);
      assert.deepEqual(reply.items, [], question);
      assert.match(reply.message, /1022/);
    }
  });

  test('an FAQ entry answers only while it is valid; staff still see the others', async () => {
    const expired = FAQ_ENTRIES.find((entry) => entry.validUntil !== undefined && Date.parse(entry.validUntil) < Date.now());
    const future = FAQ_ENTRIES.find((entry) => Date.parse(entry.validFrom) > Date.now());
    assert.ok(expired && future);
    const reply = await answer('Sổ hộ khẩu giấy còn được dùng không?');
    assert.ok(!reply.items.some((item) => item.faqEntry?.code === expired.code), 'the expired answer is not given');
    assert.equal(sourceOf(reply.items[0] as AnswerItem), 'F:HD-0022', 'the current one is');
    assert.ok(!(await answer(future.question)).items.some((item) => item.faqEntry?.code === future.code), 'nor one not valid yet');

    const lookup = 'query($code: String!) { faqEntry(code: $code) { code valid validUntil } }';
    assert.equal((await hub.graphql(lookup, { variables: { code: expired.code } })).body.data?.['faqEntry'], null, 'looks missing to the public');
    const operator = DEMO_ACCOUNTS.find((account) => account.roles.includes('operator'))!;
    const token = await keyed.token({ sub: operator.sub, roles: ['operator'], unit: operator.unit });
    const seen = await hub.graphql(lookup, { token, variables: { code: expired.code } });
    assert.deepEqual(seen.body.data?.['faqEntry'], { code: expired.code, valid: false, validUntil: new Date(expired.validUntil as string).toISOString() });
    assert.equal(expired.field, future.field);
    const list = 'query($field: String, $includeInvalid: Boolean) { faqEntries(field: $field, includeInvalid: $includeInvalid, first: 100) { code valid } }';
    const listed = await hub.graphql(list, { token, variables: { field: expired.field, includeInvalid: true } });
    const codes = (listed.body.data?.['faqEntries'] as { code: string }[]).map((entry) => entry.code);
    assert.ok(codes.includes(expired.code) && codes.includes(future.code), codes.join());
    const publicList = await hub.graphql(list, { variables: { field: expired.field } });
    const shown = publicList.body.data?.['faqEntries'] as { code: string; valid: boolean }[];
    assert.ok(shown.length > 0 && shown.every((entry) => entry.valid) && !shown.some((entry) => [expired.code, future.code].includes(entry.code)));
  });

  test('empty, wordless and over-long questions and searches are refused with a reason, and the question is never echoed', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      [ANSWER, { question: '' }, 'question', 'EMPTY'],
      [ANSWER, { question: '   \n\t ' }, 'question', 'EMPTY'],
      [ANSWER, { question: '?!… ---' }, 'question', 'EMPTY'],
      [ANSWER, { question: `Số điện thoại của tôi là 0901234567, ${'xin hỏi về thủ tục '.repeat(40)}` }, 'question', 'TOO_LONG'],
      [SEARCH, { search: '  ' }, 'search', 'EMPTY'],
      [SEARCH, { search: 'giấy phép '.repeat(25) }, 'search', 'TOO_LONG'],
    ];
    for (const [query, variables, field, reason] of cases) {
      const { body } = await hub.graphql(query, { variables });
      assert.equal(codeOf(body), 'BAD_USER_INPUT', `${field} ${reason}`);
      assert.equal(reasonOf(body), reason);
      assert.equal(body.errors?.[0]?.extensions?.['field'], field);
      assert.doesNotMatch(JSON.stringify(body), /0901234567|giấy phép giấy phép/, 'nothing sent is repeated back');
    }
    const badCode = await hub.graphql('{ procedure(code: "1.009994") { code } }');
    assert.equal(codeOf(badCode.body), 'BAD_USER_INPUT');
    assert.equal(reasonOf(badCode.body), 'INVALID_CODE');
    const unknown = await hub.graphql('{ procedure(code: "9.999999.H29") { code } }');
    assert.deepEqual(unknown.body, { data: { procedure: null } }, 'a well-formed unknown code is simply not there');
    assert.equal(reasonOf((await hub.graphql('{ faqEntry(code: "12") { code } }')).body), 'INVALID_CODE');
    assert.equal(codeOf((await hub.graphql('{ answer(question: "khai sinh", first: 1) { known } staff: faqEntries(includeInvalid: true) { code } }')).body), 'FORBIDDEN');
  });
});
