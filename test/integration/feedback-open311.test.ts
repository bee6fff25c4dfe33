// Open311 GeoReport v2 through the gateway (/api/feedback/open311/v2/): services and definitions in XML
// and JSON (the XML read back by a strict reader), POST with and without a valid api_key, bad
// service_code, missing location, list and get with filters, tokens, errors in the spec's shape — and no
// personal data anywhere in what it answers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { escapeXml } from '../../subgraphs/feedback/channels/open311/format.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const operator = DEMO_ACCOUNTS.find((account) => account.roles.includes('operator'))!;
const API_KEY = 'fms-3b9f0c1d5e7a4b2c8d6e0f1a2b3c4d5e';
const OTHER_KEY = 'citizen-app-9a8b7c6d5e4f3a2b1c0d9e8f';

/** An element of a parsed XML document (no attributes: GeoReport v2 uses none). */
interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

/**
 * A strict reader for GeoReport's XML: the UTF-8 declaration, elements without attributes, text with the
 * five named entities or numeric references, every tag closed in order. Throws on anything else, so a
 * document it reads is well-formed.
 */
function readXml(document: string): XmlElement {
  const declaration = '<?xml version="1.0" encoding="utf-8"?>';
  assert.ok(document.startsWith(declaration), 'the XML declaration with encoding utf-8');
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const decode = (text: string) => {
    return text.replace(/&([^;]*);/g, (_match, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      const value = entities[name];
      assert.ok(value !== undefined, `unknown entity &${name};`);
      return value;
    });
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const body = document.slice(declaration.length).trim();
  const tokens = body.match(/<[^>]*>|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith('</')) {
      const name = token.slice(2, -1);
      const open = stack.pop();
      assert.equal(open?.name, name, `</${name}> closes <${open?.name}>`);
      continue;
    }
    if (token.startsWith('<')) {
      const match = /^<([A-Za-z_][\w.-]*)(\/?)>$/.exec(token);
      assert.ok(match, `a tag without attributes: ${token}`);
      const element: XmlElement = { name: match[1] as string, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else {
        assert.equal(root, undefined, 'one root element');
        root = element;
      }
      if (match[2] !== '/') stack.push(element);
      continue;
    }
    assert.ok(!token.includes('&') || /^([^&]|&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)*$/s.test(token), `bad entity in ${token}`);
    const parent = stack.at(-1);
    if (parent) parent.text += decode(token);
    else assert.equal(token.trim(), '', 'no text outside the root');
  }
  assert.equal(stack.length, 0, 'every element closed');
  assert.ok(root, 'a root element');
  return root;
}

/** <root><record><field>text</field>…</record>…</root> → records of text fields. */
function records(root: XmlElement): Record<string, string>[] {
  return root.children.map((record) => Object.fromEntries(record.children.map((field) => [field.name, field.text])));
}

describe('Open311 GeoReport v2', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  let operatorToken: string;

  const url = (path: string) => `${hub.gatewayUrl}/api/feedback/open311/v2/${path}`;
  async function get(path: string) {
    const response = await fetch(url(path));
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }
  async function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }
  /** Assert the spec's error document, in XML or JSON. */
  function assertError(answer: { status: number; type: string; text: string }, status: number, description?: RegExp) {
    assert.equal(answer.status, status, answer.text);
    let errors: { code: string | number; description: string }[];
    if (answer.type.startsWith('text/xml')) {
      const root = readXml(answer.text);
      assert.equal(root.name, 'errors');
      assert.deepEqual(
        root.children.map((child) => child.name),
        ['error'],
      );
      errors = records(root) as { code: string; description: string }[];
    } else {
      errors = JSON.parse(answer.text) as typeof errors;
    }
    assert.equal(errors.length, 1);
    assert.equal(String(errors[0]!.code), String(status));
    if (description) assert.match(errors[0]!.description, description);
  }
  const valid = (overrides: Record<string, string> = {}) => ({
    api_key: API_KEY,
    service_code: 'GIAO_THONG',
    lat: '10.7722',
    long: '106.6975',
    description: 'Đèn tín hiệu giao lộ Lê Lợi – Pasteur hỏng từ sáng, xe cộ ùn tắc. <script>alert("x")</script> & "ngoặc"',
    first_name: 'An',
    last_name: 'Nguyễn',
    email: 'an.nguyen.open311@example.vn',
    phone: '0903123456',
    ...overrides,
  });
  const count = () => db.feedbackItem.count();

  before(async () => {
    keyed = await startHubWithRealmKeys({
      subgraphEnv: { FEEDBACK_OPEN311_API_KEYS: JSON.stringify({ [API_KEY]: 'fixmystreet', [OTHER_KEY]: 'citizen-app' }), FEEDBACK_OPEN311_JURISDICTION_ID: 'tphcm.gov.vn' },
    });
    hub = keyed.hub;
    db = hub.subgraphs['feedback']!.db as unknown as PrismaClient;
    operatorToken = await keyed.token({ sub: operator.sub, roles: ['operator'], unit: operator.unit });
  });
  after(() => keyed?.close());

  test('service list in XML and JSON: one realtime service per category', async () => {
    const xml = await get('services.xml');
    assert.equal(xml.status, 200);
    assert.equal(xml.type, 'text/xml; charset=utf-8');
    const root = readXml(xml.text);
    assert.equal(root.name, 'services');
    const services = records(root);
    assert.equal(services.length, 20);
    const traffic = services.find((service) => service['service_code'] === 'GIAO_THONG');
    assert.deepEqual(Object.keys(traffic ?? {}), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    assert.equal(traffic?.['service_name'], 'Giao thông');
    assert.equal(traffic?.['metadata'], 'false');
    assert.equal(traffic?.['type'], 'realtime');

    const json = await get('services.json?jurisdiction_id=tphcm.gov.vn');
    assert.equal(json.type, 'application/json; charset=utf-8');
    const list = JSON.parse(json.text) as Record<string, unknown>[];
    assert.equal(list.length, 20);
    assert.deepEqual(
      list.find((service) => service['service_code'] === 'THOAT_NUOC'),
      {
        service_code: 'THOAT_NUOC',
        service_name: 'Thoát nước – ngập nước',
        description: 'Thoát nước – ngập nước: trả lời trong 8 giờ làm việc.',
        metadata: false,
        type: 'realtime',
        keywords: 'Thoát nước, ngập nước',
        group: 'Phản ánh kiến nghị 1022',
      },
    );
    assertError(await get('services.xml?jurisdiction_id=hanoi.gov.vn'), 404, /jurisdiction_id/);
    assertError(await get('services.html'), 404);
  });

  test('service definitions: the code and no attributes; an unknown code is 404', async () => {
    const root = readXml((await get('services/CAP_NUOC.xml')).text);
    assert.equal(root.name, 'service_definition');
    assert.deepEqual(
      root.children.map((child) => [child.name, child.text, child.children.length]),
      [
        ['service_code', 'CAP_NUOC', 0],
        ['attributes', '', 0],
      ],
    );
    assert.deepEqual(JSON.parse((await get('services/CAP_NUOC.json')).text), { service_code: 'CAP_NUOC', attributes: [] });
    assertError(await get('services/KHONG_CO.xml'), 404, /service_code KHONG_CO/);
    assertError(await get('services/KHONG_CO.json'), 404);
  });

  test("POST requests needs a valid api_key: 403 in the spec's shape, and nothing written", async () => {
    const before = await count();
    const { api_key: _key, ...withoutKey } = valid();
    assertError(await post('requests.xml', withoutKey), 403, /api_key/);
    assertError(await post('requests.json', { ...withoutKey, api_key: 'fms-not-a-key-at-all-0000000000000' }), 403, /api_key/);
    assertError(await post('requests.xml', { ...withoutKey, api_key: API_KEY.slice(0, -1) }), 403);
    assert.equal(await count(), before);
  });

  test('POST requests creates a routed item: its id (a string) back, the contact stored for staff only', async () => {
    const before = await count();
    const answer = await post('requests.xml', valid());
    assert.equal(answer.status, 200, answer.text);
    const root = readXml(answer.text);
    assert.equal(root.name, 'service_requests');
    const [created] = records(root);
    assert.match(created?.['service_request_id'] ?? '', /^PHA\d{12}$/);
    assert.match(created?.['service_notice'] ?? '', /Sở Xây dựng TP\.HCM/);
    assert.equal(await count(), before + 1);
    const id = created!['service_request_id']!;

    const { body } = await hub.graphql(
      'query($code: String!) { feedbackItem(code: $code) { channel status category { code } unit { code } content reporter { name phone phoneUnrecognized email } } }',
      {
        token: operatorToken,
        variables: { code: id },
      },
    );
    assert.deepEqual(body.data?.['feedbackItem'], {
      channel: 'APP',
      status: 'ROUTED',
      category: { code: 'GIAO_THONG' },
      unit: { code: 'SO-XAY-DUNG' },
      content: valid().description,
      reporter: { name: 'An Nguyễn', phone: '0903123456', phoneUnrecognized: false, email: 'an.nguyen.open311@example.vn' },
    });

    // Read back: escaped in XML, equal as text, and without the contact.
    const one = await get(`requests/${id}.xml`);
    assert.equal(one.status, 200);
    const [request] = records(readXml(one.text));
    assert.equal(request?.['description'], valid().description);
    assert.equal(request?.['status'], 'open');
    assert.equal(request?.['service_code'], 'GIAO_THONG');
    assert.equal(request?.['agency_responsible'], 'Sở Xây dựng TP.HCM');
    assert.equal(request?.['lat'], '10.7722');
    assert.equal(request?.['long'], '106.6975');
    assert.match(request?.['requested_datetime'] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    assert.ok(!one.text.includes('<script>'), 'markup is escaped');
    const json = JSON.parse((await get(`requests/${id}.json`)).text) as Record<string, unknown>[];
    assert.equal(json[0]?.['service_request_id'], id);
    assert.equal(typeof json[0]?.['service_request_id'], 'string');
    for (const text of [one.text, JSON.stringify(json)]) {
      for (const personal of ['an.nguyen.open311@example.vn', '0903123456', 'Nguyễn']) assert.ok(!text.includes(personal), `no ${personal} in public answers`);
    }
    // POST answers in JSON too.
    const jsonPost = await post('requests.json', valid({ service_code: 'CAP_NUOC' }));
    const [answerJson] = JSON.parse(jsonPost.text) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(answerJson ?? {}), ['service_request_id', 'service_notice', 'account_id']);
    assert.equal(answerJson?.['account_id'], null);
  });

  test('a phone our check does not know (a foreign number) is kept for staff as given and flagged, not a refusal', async () => {
    const foreign = '+33 1 42 68 53 00';
    const answer = await post('requests.json', valid({ phone: foreign, service_code: 'CAP_NUOC' }));
    assert.equal(answer.status, 200, answer.text);
    const [created] = JSON.parse(answer.text) as { service_request_id: string }[];
    const { body } = await hub.graphql('query($code: String!) { feedbackItem(code: $code) { reporter { phone phoneUnrecognized email } } }', {
      token: operatorToken,
      variables: { code: created!.service_request_id },
    });
    assert.deepEqual(body.data?.['feedbackItem'], { reporter: { phone: foreign, phoneUnrecognized: true, email: 'an.nguyen.open311@example.vn' } });
    const one = await get(`requests/${created!.service_request_id}.xml`);
    assert.equal(one.status, 200);
    assert.ok(!one.text.includes('42 68 53'), 'never in the public view');
  });

  test('service discovery in XML and JSON, as GeoReport v2 defines it', async () => {
    const xml = await get('discovery.xml');
    assert.equal(xml.status, 200);
    assert.match(xml.type, /^text\/xml/);
    const root = readXml(xml.text);
    assert.equal(root.name, 'discovery');
    assert.deepEqual(
      root.children.map((child) => child.name),
      ['changeset', 'contact', 'key_service', 'endpoints'],
    );
    assert.match(root.children[0]!.text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    const [endpoint] = root.children[3]!.children;
    assert.equal(endpoint?.name, 'endpoint');
    const field = (name: string) => endpoint.children.find((child) => child.name === name);
    assert.equal(field('specification')?.text, 'http://wiki.open311.org/GeoReport_v2');
    assert.equal(field('url')?.text, '/api/feedback/open311/v2');
    assert.equal(field('type')?.text, 'production');
    assert.deepEqual(
      field('formats')?.children.map((format) => `${format.name}:${format.text}`),
      ['format:text/xml', 'format:application/json'],
    );
    const json = JSON.parse((await get('discovery.json')).text) as { changeset: string; endpoints: { url: string; formats: string[]; specification: string }[] };
    assert.equal(json.changeset, root.children[0]!.text);
    assert.deepEqual(
      json.endpoints.map((item) => [item.specification, item.url, item.formats]),
      [['http://wiki.open311.org/GeoReport_v2', '/api/feedback/open311/v2', ['text/xml', 'application/json']]],
    );
    assertError(await get('discovery/x.xml'), 404);
  });

  test('POST requests refuses a bad service_code, a missing location and bad input, writing nothing', async () => {
    const before = await count();
    assertError(await post('requests.xml', valid({ service_code: 'KHONG_CO' })), 404, /service_code KHONG_CO/);
    const { service_code: _code, ...noService } = valid();
    assertError(await post('requests.xml', noService), 400, /service_code/);
    const { lat: _lat, long: _long, ...noPoint } = valid();
    assertError(await post('requests.xml', { ...noPoint, address_string: '86 Lê Thánh Tôn, Bến Nghé' }), 400, /lat and long are required/);
    assertError(await post('requests.json', noPoint), 400, /location is required/);
    assertError(await post('requests.xml', valid({ lat: '48.8566', long: '2.3522' })), 400, /outside Việt Nam/);
    assertError(await post('requests.xml', valid({ lat: '10.77abc' })), 400);
    assertError(await post('requests.xml', valid({ description: 'ngắn' })), 400, /description/);
    assertError(await post('requests.xml', valid({ phone: 'gọi sau <b>5h</b>' })), 400, /phone/);
    assertError(await post('requests.xml', valid({ jurisdiction_id: 'hanoi.gov.vn' })), 404, /jurisdiction_id/);
    const notForm = await fetch(url('requests.xml'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(valid()) });
    assertError({ status: notForm.status, type: notForm.headers.get('content-type') ?? '', text: await notForm.text() }, 400, /x-www-form-urlencoded/);
    assert.equal(await count(), before);
    assert.equal((await post('requests.xml', valid({ jurisdiction_id: 'tphcm.gov.vn' }))).status, 200, 'our own jurisdiction_id is fine');
  });

  test('an Idempotency-Key makes a retried POST return the first request; the key is its token, per client', async () => {
    const before = await count();
    const key = randomUUID();
    const first = records(readXml((await post('requests.xml', valid(), { 'idempotency-key': key })).text))[0]!['service_request_id'];
    const again = records(readXml((await post('requests.xml', valid(), { 'idempotency-key': key })).text))[0]!['service_request_id'];
    assert.equal(again, first);
    assert.equal(await count(), before + 1);
    assertError(await post('requests.xml', valid({ description: 'Một phản ánh khác hẳn, cùng khóa.' }), { 'idempotency-key': key }), 400, /idempotency key/i);

    const token = readXml((await get(`tokens/${key}.xml?api_key=${API_KEY}`)).text);
    assert.deepEqual(records(token), [{ service_request_id: first, token: key }]);
    assert.deepEqual(JSON.parse((await get(`tokens/${key}.json?api_key=${API_KEY}`)).text), [{ service_request_id: first, token: key }]);
    assertError(await get(`tokens/${key}.xml`), 403);
    assertError(await get(`tokens/${key}.xml?api_key=${OTHER_KEY}`), 404, /token/);
    assertError(await get(`tokens/${randomUUID()}.json?api_key=${API_KEY}`), 404);
  });

  test("GET requests: by ids, service code, status and dates — public items only, in the spec's window", async () => {
    const water = records(readXml((await post('requests.xml', valid({ service_code: 'CAP_NUOC', description: 'Mất nước sinh hoạt cả khu phố từ tối qua đến giờ.' }))).text))[0]!['service_request_id']!;
    const light = records(readXml((await post('requests.xml', valid({ service_code: 'CHIEU_SANG', description: 'Cả dãy đèn đường tắt, hẻm tối om rất nguy hiểm.' }))).text))[0]!['service_request_id']!;

    const byCode = records(readXml((await get('requests.xml?service_code=CHIEU_SANG')).text));
    assert.ok(byCode.length >= 1 && byCode.every((request) => request['service_code'] === 'CHIEU_SANG'));
    assert.ok(byCode.some((request) => request['service_request_id'] === light));
    const both = records(readXml((await get(`requests.xml?service_code=CHIEU_SANG,CAP_NUOC`)).text)).map((request) => request['service_request_id']);
    assert.ok(both.includes(light) && both.includes(water));

    // Ids override every other filter; a resolved seed item is closed; private and unknown ids are absent.
    const ids = ['PHA261000483917', water, 'PHA261100905342', 'PHA261100139658', 'PHA000000000000'];
    const byIds = JSON.parse((await get(`requests.json?service_request_id=${ids.join(',')}&status=open&service_code=XAY_DUNG`)).text) as Record<string, unknown>[];
    assert.deepEqual(
      byIds.map((request) => [request['service_request_id'], request['status']]).sort(),
      [
        ['PHA261000483917', 'closed'],
        [water, 'open'],
      ].sort(),
    );
    assertError(await get('requests/PHA261100905342.xml'), 404, /not found/);
    assertError(await get('requests/PHA261100139658.json'), 404);

    // An anonymous reporter's point comes rounded to about 200 m, as in the public view.
    const [anonymous] = JSON.parse((await get('requests.json?service_request_id=PHA261100562087')).text) as Record<string, unknown>[];
    assert.deepEqual([anonymous?.['lat'], anonymous?.['long']], [10.836, 106.652]);

    const open = records(readXml((await get('requests.xml?status=open')).text));
    assert.ok(open.some((request) => request['service_request_id'] === water) && open.every((request) => request['status'] === 'open'));
    const closed = records(readXml((await get('requests.xml?status=closed')).text));
    assert.ok(closed.every((request) => request['status'] === 'closed') && !closed.some((request) => request['service_request_id'] === water));

    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const recent = records(readXml((await get(`requests.xml?start_date=${iso(now - 3_600_000)}&end_date=${iso(now + 60_000)}`)).text)).map((request) => request['service_request_id']);
    assert.ok(recent.includes(water) && recent.includes(light) && !recent.includes('PHA261000483917'));
    assert.deepEqual(records(readXml((await get(`requests.xml?start_date=${iso(now + 86_400_000)}`)).text)), []);
    assertError(await get(`requests.xml?start_date=${iso(now)}&end_date=${iso(now - 86_400_000)}`), 400, /after/);
    assertError(await get(`requests.xml?start_date=${iso(now - 100 * 86_400_000)}&end_date=${iso(now)}`), 400, /90 days/);
    assertError(await get('requests.xml?start_date=2026-11-01'), 400, /w3/);
    assertError(await get('requests.json?status=pending'), 400, /open or closed/);
  });

  test('no personal data in any public answer', async () => {
    const reporters = await db.feedbackReporter.findMany();
    assert.ok(reporters.length >= 1);
    const answers = [
      (await get('requests.xml')).text,
      (await get('requests.json')).text,
      (await get('requests.json?status=closed')).text,
      (await get(`requests.json?service_request_id=${(await db.feedbackItem.findMany({ select: { code: true } })).map((item) => item.code).join(',')}`)).text,
    ].join('\n');
    for (const reporter of reporters) {
      for (const value of [reporter.name, reporter.phone, reporter.email]) if (value) assert.ok(!answers.includes(value), `${value} leaked`);
    }
    assert.ok(!/citizen|reporter|email|phone|first_name|last_name/i.test(answers.replace(/"description":"[^"]*"/g, '')), 'no personal fields');
  });

  test('XML escaping drops what XML 1.0 forbids', () => {
    assert.equal(escapeXml('a\u0001<b>&"\'\uD800\uFFFE\t\n'), 'a&lt;b&gt;&amp;&quot;&apos;\t\n');
    assert.equal(escapeXml('đường 😀'), 'đường 😀');
  });
});
