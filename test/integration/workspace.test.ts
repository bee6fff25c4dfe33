// The staff workspace against a real hub, without a browser: each role signs in through the realm and
// gets its own pages — the operators' queue (filters, an item with its suggested unit, route and refuse),
// the unit officers' desk (their unit's items only, take, report progress, resolve, return, reply to a
// directive), the leaders' figures, the oversight view without personal data, GraphiQL for platform
// admins with no script from another origin (here and at the gateway) — a citizen is refused, another
// unit's item is out of reach, and bad input and forms without the CSRF token are refused with a code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { freePort } from '../../testing/free-port.ts';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { signInWithPassword, startWorkspace, workspaceClient } from '../../testing/portals.ts';
import type { RunningWorkspace } from '../../testing/portals.ts';

/** Seeded items (subgraphs/feedback/prisma/seed-data.ts). */
const NEW_ITEM = 'PHA261100905342'; // RECEIVED, Zalo, TIENG_ON in P-TAN-DINH: waiting for an operator
const BEN_THANH_ITEM = 'PHA261000729150'; // IN_PROGRESS at UBND-P-BEN-THANH (dung.pham's unit)
const GO_VAP_ITEM = 'PHA261000947316'; // IN_PROGRESS at UBND-P-GO-VAP: another unit's
const OPEN_DIRECTIVE = 'CD261106640391'; // to UBND-P-BEN-THANH, due mid-2027

let hub: Hub;
let workspace: RunningWorkspace;
const cookies: Record<string, string> = {};
let operatorToken = '';

const page = async (who: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${workspace.url}${path}`, { redirect: 'manual', ...init, headers: { cookie: cookies[who] ?? '', ...(init.headers as Record<string, string> | undefined) } });
  return { status: response.status, html: await response.text(), headers: response.headers };
};
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** Post a form from `path`'s page (its CSRF token unless `csrf` is given). */
const submit = async (who: string, from: string, action: string, fields: Record<string, string>, csrf?: string) => {
  const token = csrf ?? csrfOf((await page(who, from)).html);
  return page(who, action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: token, ...fields }).toString() });
};
const statusOf = async (code: string) => {
  const { body } = await hub.graphql('query ($code: String!) { feedbackItem(code: $code) { status unit { code } } }', { token: operatorToken, variables: { code } });
  return (body.data as { feedbackItem: { status: string; unit: { code: string } | null } }).feedbackItem;
};

before(async () => {
  const port = await freePort();
  hub = await startHub({ extraClients: [workspaceClient(port)] });
  workspace = await startWorkspace(hub, port);
  for (const username of ['an.nguyen', 'giang.hoang', 'dung.pham', 'em.vo', 'lan.mai', 'khoa.bui']) cookies[username] = await signInWithPassword(workspace.url, username);
  operatorToken = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'giang.hoang', password: 'demo', scope: 'openid feedback:read' }))
    .accessToken;
});
after(async () => {
  await workspace?.close();
  await hub?.close();
});

describe('the frame', () => {
  test('signed out: one silent sign-in attempt at the realm, then the sign-in page; a staff page sends to sign-in', async () => {
    const home = await fetch(`${workspace.url}/`, { redirect: 'manual' });
    assert.equal(home.status, 302);
    assert.match(home.headers.get('location') ?? '', /^\/auth\/login\?prompt=none/);
    const queue = await fetch(`${workspace.url}/hang-doi?kenh=ZALO`, { redirect: 'manual' });
    assert.equal(queue.headers.get('location'), '/auth/login?returnTo=%2Fhang-doi%3Fkenh%3DZALO');
  });

  test('each role lands on its own section, with only its sections in the header', async () => {
    const expected: Record<string, string> = { 'giang.hoang': '/hang-doi', 'dung.pham': '/don-vi', 'em.vo': '/lanh-dao', 'lan.mai': '/giam-sat', 'khoa.bui': '/graphiql' };
    for (const [who, path] of Object.entries(expected)) {
      const home = await page(who, '/');
      assert.equal(home.status, 303, who);
      assert.equal(home.headers.get('location'), path, who);
      const section = await page(who, path);
      assert.equal(section.status, 200, `${who} ${path}`);
      if (path !== '/graphiql') {
        assert.equal([...section.html.matchAll(/<nav class="sections"[\s\S]*?<\/nav>/g)].length, 1);
        assert.ok(section.html.includes(`href="${path}"`));
        for (const other of Object.values(expected).filter((candidate) => candidate !== path)) assert.ok(!section.html.includes(`<li><a href="${other}"`), `${who} has no link to ${other}`);
      }
    }
  });

  test('a citizen is refused with a clear page, everywhere', async () => {
    for (const path of ['/', '/hang-doi', '/don-vi', '/lanh-dao', '/giam-sat', '/graphiql', `/phan-anh/${NEW_ITEM}`]) {
      const refused = await page('an.nguyen', path);
      assert.equal(refused.status, 403, path);
      assert.match(refused.html, /Không có quyền truy cập/);
      assert.match(refused.html, /không có vai trò cán bộ/);
    }
  });

  test('another role’s page is refused, naming the sections the person may use', async () => {
    const refused = await page('dung.pham', '/hang-doi');
    assert.equal(refused.status, 403);
    assert.match(refused.html, /<a href="\/don-vi">/);
    assert.equal((await page('lan.mai', '/lanh-dao')).status, 403);
    assert.equal((await page('em.vo', `/phan-anh/${NEW_ITEM}/chuyen`, { method: 'POST' })).status, 403);
  });
});

describe('the operators’ queue', () => {
  test('items waiting for an operator, filtered by channel, category, ward and SLA', async () => {
    const queue = await page('giang.hoang', '/hang-doi');
    assert.ok(queue.html.includes(`data-code="${NEW_ITEM}"`));
    assert.ok(!queue.html.includes(`data-code="${BEN_THANH_ITEM}"`), 'an item being handled is not in the queue');
    assert.ok((await page('giang.hoang', '/hang-doi?kenh=ZALO&linh-vuc=TIENG_ON&phuong=P-TAN-DINH')).html.includes(`data-code="${NEW_ITEM}"`));
    for (const filter of ['kenh=WEB', 'linh-vuc=CAP_NUOC', 'phuong=P-BEN-THANH', 'sla=qua-han']) {
      const filtered = await page('giang.hoang', `/hang-doi?${filter}`);
      assert.equal(filtered.status, 200, filter);
      if (filter !== 'sla=qua-han') assert.ok(!filtered.html.includes(`data-code="${NEW_ITEM}"`), filter);
    }
  });

  test('bad filters are refused with BAD_USER_INPUT, never echoed', async () => {
    for (const filter of ['kenh=PIGEON', 'phuong=%3Cscript%3E', 'linh-vuc=' + 'A'.repeat(80), 'sla=7']) {
      const refused = await page('giang.hoang', `/hang-doi?${filter}`);
      assert.equal(refused.status, 400, filter);
      assert.match(refused.html, /BAD_USER_INPUT/);
      assert.ok(!refused.html.includes('<script>'));
    }
    assert.equal((await page('giang.hoang', '/phan-anh/not-a-code')).status, 400);
    assert.equal((await page('giang.hoang', '/phan-anh/PHA999999999999')).status, 404);
  });

  test('an item shows the unit the routing rules suggest; routing needs the CSRF token and a unit; routed, it leaves the queue', async () => {
    const item = await page('giang.hoang', `/phan-anh/${NEW_ITEM}`);
    assert.equal(item.status, 200);
    assert.match(item.html, /id="suggested-unit">[^<]+</);
    assert.match(item.html, /<option value="[^"]+" selected>[^<]+— đề xuất<\/option>/);
    const noCsrf = await submit('giang.hoang', `/phan-anh/${NEW_ITEM}`, `/phan-anh/${NEW_ITEM}/chuyen`, { unitCode: 'UBND-P-BEN-THANH' }, 'forged');
    assert.equal(noCsrf.status, 403);
    assert.match(noCsrf.html, /CSRF_TOKEN_INVALID/);
    const noUnit = await submit('giang.hoang', `/phan-anh/${NEW_ITEM}`, `/phan-anh/${NEW_ITEM}/chuyen`, { unitCode: '' });
    assert.equal(noUnit.status, 400);
    const unknownUnit = await submit('giang.hoang', `/phan-anh/${NEW_ITEM}`, `/phan-anh/${NEW_ITEM}/chuyen`, { unitCode: 'NO-SUCH-UNIT' });
    assert.equal(unknownUnit.status, 400, 'the gateway refuses an unknown unit');
    assert.equal((await statusOf(NEW_ITEM)).status, 'RECEIVED');
    // Routed to dung.pham's unit, so the desk tests below see it.
    const routed = await submit('giang.hoang', `/phan-anh/${NEW_ITEM}`, `/phan-anh/${NEW_ITEM}/chuyen`, { unitCode: 'UBND-P-BEN-THANH' });
    assert.equal(routed.status, 303);
    assert.equal(routed.headers.get('location'), '/hang-doi');
    assert.deepEqual(await statusOf(NEW_ITEM), { status: 'ROUTED', unit: { code: 'UBND-P-BEN-THANH' } });
    const queue = await page('giang.hoang', '/hang-doi');
    assert.match(queue.html, /Đã chuyển xử lý/);
    assert.ok(!queue.html.includes(`data-code="${NEW_ITEM}"`));
  });

  test('refusing needs a reason', async () => {
    const refused = await submit('giang.hoang', `/phan-anh/${BEN_THANH_ITEM}`, `/phan-anh/${BEN_THANH_ITEM}/tu-choi`, { reason: 'x' });
    assert.equal(refused.status, 400);
    assert.match(refused.html, /BAD_USER_INPUT/);
  });
});

describe('the operators’ call desk, recording for a caller, placing and routing rules', () => {
  const CALL_LOG = '{ callLog(first: 100) { outcome question sourceTitle sourceLink feedbackCode channel } }';
  const calls = async () =>
    ((await hub.graphql(CALL_LOG, { token: operatorToken })).body.data as { callLog: { outcome: string; question: string; sourceTitle: string | null; feedbackCode: string | null }[] }).callLog;

  test('a caller’s question answered from the knowledge base and logged with its source; nothing known: no invented answer, an offer to record an item', async () => {
    const desk = await page('giang.hoang', '/tong-dai?hoi=' + encodeURIComponent('dang ky khai sinh can giay to gi'));
    assert.equal(desk.status, 200);
    assert.match(desk.html, /<ol class="answers">/);
    const title = /name="sourceTitle" value="([^"]+)"/.exec(desk.html)?.[1];
    const link = /name="sourceLink" value="([^"]+)"/.exec(desk.html)?.[1];
    assert.ok(title && link, 'each answer can be logged with its source');
    const logged = await submit('giang.hoang', '/tong-dai', '/tong-dai/nhat-ky', {
      question: 'dang ky khai sinh can giay to gi',
      outcome: 'ANSWERED',
      channel: 'PHONE',
      sourceTitle: title.replace(/&amp;/g, '&'),
      sourceLink: link.replace(/&amp;/g, '&'),
    });
    assert.equal(logged.status, 303);
    assert.equal(logged.headers.get('location'), '/tong-dai');
    const after = await page('giang.hoang', '/tong-dai');
    assert.match(after.html, /Đã ghi nhật ký cuộc gọi/);
    assert.match(after.html, /<table id="calls">[\s\S]*dang ky khai sinh can giay to gi[\s\S]*Đã trả lời từ cơ sở tri thức/);

    const unknown = await page('giang.hoang', '/tong-dai?hoi=' + encodeURIComponent('giá vàng hôm nay'));
    assert.equal(unknown.status, 200);
    assert.match(unknown.html, /id="no-answer"/);
    assert.ok(!unknown.html.includes('<ol class="answers">'));
    assert.ok(unknown.html.includes('href="/tong-dai/ghi-nhan?noi-dung=gi%C3%A1%20v%C3%A0ng%20h%C3%B4m%20nay"'));
  });

  test('bad calls are refused with a code and nothing is logged: at the workspace and at the gateway', async () => {
    const before = (await calls()).length;
    assert.equal((await page('giang.hoang', '/tong-dai?hoi=ab')).status, 400);
    for (const fields of [
      { question: 'ab', outcome: 'REFERRED', channel: 'PHONE' },
      { question: 'hỏi đường', outcome: 'EXPLODED', channel: 'PHONE' },
      { question: 'hỏi đường', outcome: 'REFERRED', channel: 'PIGEON' },
    ]) {
      const refused = await submit('giang.hoang', '/tong-dai', '/tong-dai/nhat-ky', fields);
      assert.equal(refused.status, 400, JSON.stringify(fields));
      assert.match(refused.html, /BAD_USER_INPUT/);
    }
    assert.equal((await submit('giang.hoang', '/tong-dai', '/tong-dai/nhat-ky', { question: 'hỏi đường', outcome: 'REFERRED', channel: 'PHONE' }, 'forged')).status, 403);
    const mutation = 'mutation ($input: LogCallInput!) { logCall(input: $input) { id } }';
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'PHONE', outcome: 'REFERRED', question: '  a ' }, 'question'],
      [{ channel: 'PHONE', outcome: 'REFERRED', question: 'x'.repeat(501) }, 'question'],
      [{ channel: 'PHONE', outcome: 'REFERRED', question: 'có ký tự \u0007 lạ' }, 'question'],
      [{ channel: 'SMS', outcome: 'ANSWERED', question: 'sổ đỏ làm ở đâu' }, 'sourceTitle'],
      [{ channel: 'SMS', outcome: 'ANSWERED', question: 'sổ đỏ làm ở đâu', sourceTitle: 'Cấp GCN', sourceLink: 'javascript:alert(1)' }, 'sourceLink'],
      [{ channel: 'PHONE', outcome: 'FEEDBACK_RECORDED', question: 'đèn đường hỏng' }, 'feedbackCode'],
      [{ channel: 'PHONE', outcome: 'FEEDBACK_RECORDED', question: 'đèn đường hỏng', feedbackCode: 'PHA999999999999' }, 'feedbackCode'],
    ];
    for (const [input, field] of cases) {
      const { body } = await hub.graphql(mutation, { token: operatorToken, variables: { input } });
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', JSON.stringify(input));
      assert.equal(body.errors?.[0]?.extensions?.['field'], field, JSON.stringify(input));
    }
    const citizen = await hub.graphql(CALL_LOG, {
      token: (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'an.nguyen', password: 'demo', scope: 'openid feedback:read' }))
        .accessToken,
    });
    assert.equal(citizen.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', 'a citizen never reads the call log');
    assert.equal((await calls()).length, before, 'nothing refused was logged');
  });

  test('a rule set for a ward routes a caller’s item recorded by phone; the call is logged with the item; placing it elsewhere moves its ward; the rule removed', async () => {
    const rule = await submit('giang.hoang', '/quy-tac', '/quy-tac', { categoryCode: 'CAY_XANH', wardCode: 'p-ben-thanh', unitCode: 'UBND-P-BEN-THANH' });
    assert.equal(rule.status, 303);
    const rules = await page('giang.hoang', '/quy-tac');
    assert.match(rules.html, /Đã lưu quy tắc phân công/);
    assert.match(rules.html, /<code>P-BEN-THANH<\/code><\/td><td>[^<]*Bến Thành/);

    const form = await page('giang.hoang', '/tong-dai/ghi-nhan?noi-dung=' + encodeURIComponent('Cây me trước chợ nghiêng'));
    assert.match(form.html, />Cây me trước chợ nghiêng<\/textarea>/);
    const fields = {
      channel: 'PHONE',
      categoryCode: 'CAY_XANH',
      title: 'Cây me nghiêng trước chợ',
      content: 'Người gọi báo cây me trước cửa Nam chợ Bến Thành nghiêng ra đường.',
      lat: '10.7725',
      lng: '106.6980',
      name: 'Trần Văn Gọi',
      phone: '0903123456',
      isPublic: 'true',
    };
    const short = await submit('giang.hoang', '/tong-dai/ghi-nhan', '/tong-dai/ghi-nhan', { ...fields, title: 'Cây' });
    assert.equal(short.status, 400);
    assert.ok(short.html.includes('Người gọi báo cây me trước cửa Nam'), 'what was typed is kept');
    const outside = await submit('giang.hoang', '/tong-dai/ghi-nhan', '/tong-dai/ghi-nhan', { ...fields, lat: '21.0285', lng: '105.8542' });
    assert.equal(outside.status, 400);
    assert.match(outside.html, /LOCATION_OUTSIDE_JURISDICTION/);
    const recorded = await submit('giang.hoang', '/tong-dai/ghi-nhan', '/tong-dai/ghi-nhan', fields);
    assert.equal(recorded.status, 303, recorded.html.slice(0, 500));
    const code = /^\/phan-anh\/([A-Z0-9]+)$/.exec(recorded.headers.get('location') ?? '')?.[1];
    assert.ok(code);
    const { body } = await hub.graphql('query ($code: String!) { feedbackItem(code: $code) { channel wardCode unit { code } reporter { name phone } } }', {
      token: operatorToken,
      variables: { code },
    });
    assert.deepEqual(body.data?.['feedbackItem'], { channel: 'PHONE', wardCode: 'P-BEN-THANH', unit: { code: 'UBND-P-BEN-THANH' }, reporter: { name: 'Trần Văn Gọi', phone: '0903123456' } });
    assert.ok(
      (await calls()).some((call) => call.outcome === 'FEEDBACK_RECORDED' && call.feedbackCode === code),
      'the call is logged with the item',
    );

    assert.equal((await page('giang.hoang', '/chua-dinh-vi')).status, 200);
    for (const bad of [
      { lat: 'NaN', lng: '106.69' },
      { lat: '10.79', lng: '' },
      { lat: '1e999', lng: '106.69' },
    ])
      assert.equal((await submit('giang.hoang', '/chua-dinh-vi', `/chua-dinh-vi/${code}`, bad)).status, 400);
    assert.equal((await submit('giang.hoang', '/chua-dinh-vi', '/chua-dinh-vi/not-a-code', { lat: '10.79', lng: '106.69' })).status, 400);
    const placed = await submit('giang.hoang', '/chua-dinh-vi', `/chua-dinh-vi/${code}`, { lat: '10.7905', lng: '106.6905' });
    assert.equal(placed.status, 303);
    assert.match((await page('giang.hoang', '/chua-dinh-vi')).html, /phường P-TAN-DINH/);

    const removed = await submit('giang.hoang', '/quy-tac', '/quy-tac/xoa', { categoryCode: 'CAY_XANH', wardCode: 'P-BEN-THANH' });
    assert.equal(removed.status, 303);
    assert.ok(!(await page('giang.hoang', '/quy-tac')).html.includes('value="CAY_XANH"><input type="hidden" name="wardCode" value="P-BEN-THANH"'));
    for (const bad of [
      { categoryCode: '', wardCode: '', unitCode: 'SAWACO' },
      { categoryCode: 'CAY_XANH', wardCode: '<b>', unitCode: 'SAWACO' },
    ])
      assert.equal((await submit('giang.hoang', '/quy-tac', '/quy-tac', bad)).status, 400);
    const unknownWard = await submit('giang.hoang', '/quy-tac', '/quy-tac', { categoryCode: 'CAY_XANH', wardCode: 'P-NOWHERE', unitCode: 'SAWACO' });
    assert.equal(unknownWard.status, 400, 'the gateway refuses an unknown ward');
    assert.equal((await page('dung.pham', '/quy-tac')).status, 403, 'an officer does not edit routing');
  });
});

describe('the queue and overdue list at the gateway', () => {
  const ask = async (username: string, query: string) => {
    const token = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username, password: 'demo', scope: 'openid feedback:read' })).accessToken;
    return (await hub.graphql(query, { token })).body;
  };
  const codeOf = (body: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions?.['code'];

  test('operators only for the queue, leaders and operators for the overdue list', async () => {
    assert.equal(codeOf(await ask('dung.pham', '{ operatorQueue { code } }')), 'FORBIDDEN');
    assert.equal(codeOf(await ask('an.nguyen', '{ overdueFeedback { code } }')), 'FORBIDDEN');
    assert.equal(codeOf(await ask('em.vo', '{ overdueFeedback { code overdue } }')), undefined);
  });

  test('bad filters are BAD_USER_INPUT naming the field', async () => {
    for (const [filter, field] of [
      ['{ dueWithinHours: 100000 }', 'dueWithinHours'],
      ['{ wardCode: "" }', 'wardCode'],
      [`{ categoryCode: "${'X'.repeat(65)}" }`, 'categoryCode'],
    ] as const) {
      const body = await ask('giang.hoang', `{ operatorQueue(filter: ${filter}) { code } }`);
      assert.equal(codeOf(body), 'BAD_USER_INPUT', filter);
      assert.equal(body.errors?.[0]?.extensions?.['field'], field);
    }
  });
});

describe('the unit officers’ desk', () => {
  test('their unit’s open items only; another unit’s item is out of reach, to read and to act on', async () => {
    const desk = await page('dung.pham', '/don-vi');
    assert.equal(desk.status, 200);
    assert.ok(desk.html.includes(`data-code="${NEW_ITEM}"`), 'the item the operator routed to the unit');
    assert.ok(desk.html.includes(`data-code="${BEN_THANH_ITEM}"`));
    assert.ok(!desk.html.includes(GO_VAP_ITEM));
    assert.equal((await page('dung.pham', `/phan-anh/${GO_VAP_ITEM}`)).status, 404);
    const take = await submit('dung.pham', '/don-vi', `/phan-anh/${GO_VAP_ITEM}/nhan`, {});
    assert.ok(take.status >= 400 && take.status < 500, String(take.status));
    assert.equal((await statusOf(GO_VAP_ITEM)).status, 'IN_PROGRESS');
  });

  test('take, report progress, resolve: each through the gateway; bad dates and short results refused', async () => {
    const itemPath = `/phan-anh/${NEW_ITEM}`;
    assert.equal((await submit('dung.pham', itemPath, `${itemPath}/nhan`, {})).status, 303);
    assert.equal((await statusOf(NEW_ITEM)).status, 'IN_PROGRESS');
    for (const committedAt of ['', '2027-02-30', 'tomorrow']) assert.equal((await submit('dung.pham', itemPath, `${itemPath}/tien-do`, { committedAt })).status, 400, committedAt);
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await submit('dung.pham', itemPath, `${itemPath}/tien-do`, { committedAt: nextMonth })).status, 303);
    assert.equal((await statusOf(NEW_ITEM)).status, 'PROGRESS_REPORTED');
    assert.equal((await submit('dung.pham', itemPath, `${itemPath}/giai-quyet`, { resultText: 'xong' })).status, 400);
    const badPhoto = await submit('dung.pham', itemPath, `${itemPath}/giai-quyet`, { resultText: 'Đã nhắc nhở chủ quán, lắp cách âm.', photoIds: 'not-a-photo' });
    assert.equal(badPhoto.status, 400);
    assert.match(badPhoto.html, /BAD_USER_INPUT/);
    assert.equal((await submit('dung.pham', itemPath, `${itemPath}/giai-quyet`, { resultText: 'Đã nhắc nhở chủ quán, lắp cách âm và cam kết tắt loa sau 22 giờ.' })).status, 303);
    assert.equal((await statusOf(NEW_ITEM)).status, 'RESOLVED');
    const item = await page('dung.pham', itemPath);
    assert.match(item.html, /Đã cập nhật kết quả giải quyết/);
    assert.ok(!item.html.includes('id="officer-actions"'), 'no forms on a resolved item');
  });

  test('an action the item’s state does not allow is refused with its code', async () => {
    const again = await submit('dung.pham', `/phan-anh/${NEW_ITEM}`, `/phan-anh/${NEW_ITEM}/nhan`, {});
    assert.equal(again.status, 409);
    assert.match(again.html, /ILLEGAL_TRANSITION/);
  });

  test('a misrouted item is returned with a reason and reaches the operators’ queue', async () => {
    const itemPath = `/phan-anh/${BEN_THANH_ITEM}`;
    assert.equal((await submit('dung.pham', itemPath, `${itemPath}/tra-lai`, { reason: '  ' })).status, 400);
    const returned = await submit('dung.pham', itemPath, `${itemPath}/tra-lai`, { reason: 'Thuộc thẩm quyền Sở Xây dựng.' });
    assert.equal(returned.status, 303);
    assert.equal((await statusOf(BEN_THANH_ITEM)).status, 'RETURNED');
    assert.ok((await page('giang.hoang', '/hang-doi')).html.includes(`data-code="${BEN_THANH_ITEM}"`));
  });

  test('a directive to the unit is answered once from the desk; bad replies are refused', async () => {
    const desk = await page('dung.pham', '/don-vi');
    assert.ok(desk.html.includes(`action="/chi-dao/${OPEN_DIRECTIVE}/tra-loi"`));
    assert.equal((await submit('dung.pham', '/don-vi', `/chi-dao/${OPEN_DIRECTIVE}/tra-loi`, { content: 'ok' })).status, 400);
    assert.equal((await submit('dung.pham', '/don-vi', '/chi-dao/nope/tra-loi', { content: 'Đã triển khai.' })).status, 400);
    const replied = await submit('dung.pham', '/don-vi', `/chi-dao/${OPEN_DIRECTIVE}/tra-loi`, { content: 'Đã kiểm tra và xử lý 12 điểm lấn chiếm vỉa hè.' });
    assert.equal(replied.status, 303);
    const after = await page('dung.pham', '/don-vi');
    assert.ok(!after.html.includes(`action="/chi-dao/${OPEN_DIRECTIVE}/tra-loi"`));
    assert.match(after.html, /Đã kiểm tra và xử lý 12 điểm lấn chiếm vỉa hè\./);
  });
});

describe('leaders, oversight and platform admins', () => {
  test('the leaders’ figures for a period, the units, the overdue list and open directives; bad periods refused', async () => {
    const dashboard = await page('em.vo', '/lanh-dao?tu=2026-10-01&den=2026-12-31');
    assert.equal(dashboard.status, 200);
    const figure = (name: string) => new RegExp(`data-figure="${name}"[^>]*>.*?<strong>([^<]+)</strong>`).exec(dashboard.html)?.[1];
    assert.ok(Number(figure('received')) > 0);
    assert.ok(Number(figure('handled')) > 0);
    assert.match(figure('on-time') ?? '', /%|—/);
    assert.match(dashboard.html, /id="best-units"/);
    assert.match(dashboard.html, /id="overdue"/);
    // The trend: a quarter is counted by ISO week, in a table (the chart's text alternative) and the chart's data block.
    const weeks = [...dashboard.html.matchAll(/<tr><th scope="row">(\d{4}-W\d{2})<\/th><td>(\d+)<\/td><\/tr>/g)];
    assert.ok(weeks.length > 0, 'weeks in the trend table');
    assert.equal(
      weeks.reduce((sum, [, , count]) => sum + Number(count), 0),
      Number(figure('received')),
      'the weeks add up to the items received',
    );
    const trendData = JSON.parse(/<script type="application\/json" id="trend-data">([^<]*)<\/script>/.exec(dashboard.html)?.[1] ?? '{}') as { keys: string[]; counts: number[] };
    assert.deepEqual(
      trendData.keys,
      weeks.map(([, week]) => week),
    );
    const month = await page('em.vo', '/lanh-dao?tu=2026-11-01&den=2026-11-30');
    assert.match(month.html, /<tr><th scope="row">2026-11-\d{2}<\/th><td>\d+<\/td><\/tr>/, 'a month by day');
    const chart = await fetch(`${workspace.url}/assets/chart.umd.js`);
    assert.equal(chart.status, 200);
    assert.match(chart.headers.get('content-type') ?? '', /javascript/);
    assert.match(await chart.text(), /Chart\.js v4/);
    for (const query of ['tu=2026-02-31', 'tu=2026-12-01&den=2026-01-01', 'tu=2020-01-01&den=2026-01-01', 'den=yesterday']) {
      const refused = await page('em.vo', `/lanh-dao?${query}`);
      assert.equal(refused.status, 400, query);
      assert.match(refused.html, /BAD_USER_INPUT/);
    }
  });

  test('the dashboard by category, its wards’ counts (JSON, CSV), a ward’s items, directives sent from the page; bad input refused', async () => {
    const period = 'tu=2026-10-01&den=2026-12-31';
    const dashboard = await page('em.vo', `/lanh-dao?${period}&linh-vuc=TIENG_ON`);
    assert.equal(dashboard.status, 200);
    assert.match(dashboard.html, /<option value="TIENG_ON" selected>/);
    assert.match(dashboard.html, /data-ward-count="P-TAN-DINH">[1-9]/);
    assert.match(dashboard.headers.get('content-security-policy') ?? '', /script-src 'self';.*connect-src 'self'/);
    const json = (await (await fetch(`${workspace.url}/lanh-dao/so-lieu.json?${period}&linh-vuc=TIENG_ON`, { headers: { cookie: cookies['em.vo'] ?? '' } })).json()) as {
      counts: Record<string, number>;
    };
    assert.ok((json.counts['P-TAN-DINH'] ?? 0) > 0);
    assert.equal(
      Object.values(json.counts).reduce((sum, count) => sum + count, 0),
      Number(/data-figure="received"[^>]*>.*?<strong>(\d+)</.exec(dashboard.html)?.[1]),
    );
    const csv = await page('em.vo', `/lanh-dao/so-lieu.csv?${period}`);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.html, /^section,key,count\r\n/);
    assert.match(csv.html, /\r\nward,P-BEN-THANH,\d+\r\n/);
    const ward = await page('em.vo', `/lanh-dao/phuong/P-TAN-DINH?${period}`);
    assert.equal(ward.status, 200);
    assert.ok(ward.html.includes(`href="/phan-anh/${NEW_ITEM}"`));
    assert.match(ward.html, /id="directive-ward"/);
    for (const [path, status] of [
      [`/lanh-dao?${period}&linh-vuc=bad%20code`, 400],
      [`/lanh-dao/so-lieu.json?tu=2026-13-01`, 400],
      [`/lanh-dao/phuong/bad%20ward?${period}`, 400],
      [`/lanh-dao/phuong/P-NOPE?${period}`, 404],
    ] as const) {
      const refused = await page('em.vo', path);
      assert.equal(refused.status, status, path);
      assert.match(refused.html, status === 400 ? /BAD_USER_INPUT/ : /NOT_FOUND/, path);
    }
    assert.equal((await page('giang.hoang', `/lanh-dao/phuong/P-TAN-DINH?${period}`)).status, 403);

    // A directive to a unit from the dashboard: it shows there with its state; bad forms are refused.
    const due = new Date(Date.now() + 10 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const fields = { kind: 'UNIT', code: 'UBND-P-GO-VAP', content: 'Báo cáo tình hình xử lý công trình xây dựng không phép.', han: due };
    assert.equal((await submit('em.vo', '/lanh-dao', '/chi-dao', fields, 'forged')).status, 403);
    for (const bad of [{ kind: 'CITY' }, { code: 'bad code' }, { content: 'ngắn' }, { han: '2026-02-31' }, { kind: 'ITEM', code: 'P-BEN-THANH' }]) {
      const refused = await submit('em.vo', '/lanh-dao', '/chi-dao', { ...fields, ...bad });
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.match(refused.html, /BAD_USER_INPUT/);
    }
    const past = await submit('em.vo', '/lanh-dao', '/chi-dao', { ...fields, han: '2026-01-01' });
    assert.equal(past.status, 400, 'the gateway refuses a day already past');
    assert.match(past.html, /BAD_USER_INPUT/);
    assert.equal((await submit('giang.hoang', '/hang-doi', '/chi-dao', fields)).status, 403, 'operators send no directive');
    const sent = await submit('em.vo', '/lanh-dao', '/chi-dao', fields);
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get('location'), '/lanh-dao#chi-dao');
    assert.match((await page('em.vo', '/lanh-dao')).html, /Báo cáo tình hình xử lý công trình xây dựng không phép\.[\s\S]*?Ủy ban nhân dân phường Gò Vấp: <span class="muted">chưa trả lời/);
  });

  test('the API under the dashboard: counts by category, a period’s items by ward; bad arguments refused with a code', async () => {
    const period = { from: '2026-10-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00' };
    const ask = async (query: string, variables: Record<string, unknown>) => (await hub.graphql(query, { token: operatorToken, variables })).body;
    const counts = await ask('query ($from: DateTime!, $to: DateTime!, $category: String) { feedbackCounts(by: WARD, from: $from, to: $to, categoryCode: $category) { key count } }', {
      ...period,
      category: 'TIENG_ON',
    });
    assert.equal(counts.errors, undefined);
    const rows = (counts.data as { feedbackCounts: { key: string; count: number }[] }).feedbackCounts;
    const items = await ask(
      'query ($from: DateTime!, $to: DateTime!) { periodFeedback(from: $from, to: $to, categoryCode: "TIENG_ON", first: 100) { code wardCode category { code } receivedAt } }',
      period,
    );
    const listed = (items.data as { periodFeedback: { wardCode: string; category: { code: string }; receivedAt: string }[] }).periodFeedback;
    assert.ok(listed.length > 0 && listed.every((item) => item.category.code === 'TIENG_ON'));
    const perWard: Record<string, number> = {};
    for (const item of listed) perWard[item.wardCode] = (perWard[item.wardCode] ?? 0) + 1;
    assert.deepEqual(Object.fromEntries(rows.map((row) => [row.key, row.count])), perWard, 'the counts are the items listed');
    assert.deepEqual(
      listed.map((item) => item.receivedAt),
      listed
        .map((item) => item.receivedAt)
        .sort()
        .reverse(),
      'newest first',
    );
    const ward = await ask('query ($from: DateTime!, $to: DateTime!) { periodFeedback(from: $from, to: $to, wardCode: "P-TAN-DINH") { wardCode } }', period);
    assert.ok((ward.data as { periodFeedback: { wardCode: string }[] }).periodFeedback.every((item) => item.wardCode === 'P-TAN-DINH'));
    for (const [query, variables] of [
      ['query ($from: DateTime!, $to: DateTime!) { feedbackCounts(by: WARD, from: $from, to: $to, categoryCode: "") { key } }', period],
      ['query ($from: DateTime!, $to: DateTime!) { periodFeedback(from: $from, to: $to, wardCode: "") { code } }', period],
      ['query ($from: DateTime!, $to: DateTime!) { periodFeedback(from: $from, to: $to) { code } }', { from: period.to, to: period.from }],
      ['query ($from: DateTime!, $to: DateTime!) { periodFeedback(from: $from, to: $to) { code } }', { from: '2020-01-01T00:00:00Z', to: period.to }],
    ] as const) {
      assert.equal((await ask(query, variables)).errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', query);
    }
    const officer = await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'dung.pham', password: 'demo', scope: 'openid feedback:read' });
    const refused = await hub.graphql('query ($from: DateTime!, $to: DateTime!) { periodFeedback(from: $from, to: $to) { code } }', { token: officer.accessToken, variables: period });
    assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
  });

  test('a leader’s Friday summaries page; others are refused', async () => {
    const summaries = await page('em.vo', '/lanh-dao/tong-hop-tuan');
    assert.equal(summaries.status, 200);
    assert.match(summaries.html, /id="summaries"/);
    assert.equal((await page('giang.hoang', '/lanh-dao/tong-hop-tuan')).status, 403);
  });

  test('oversight reads items with no name, phone, e-mail or ID number anywhere', async () => {
    const view = await page('lan.mai', '/giam-sat');
    assert.equal(view.status, 200);
    assert.match(view.html, /<table id="oversight">[\s\S]*PHA\d+/);
    for (const account of DEMO_ACCOUNTS.filter((candidate) => candidate.username !== 'lan.mai')) {
      for (const personal of [account.name, account.phone, account.email, account.cccd]) assert.ok(!view.html.includes(personal), `no ${account.username} data`);
    }
  });

  test('GraphiQL for platform admins: served by the workspace and the gateway with no URL of another origin', async () => {
    for (const [base, init] of [
      [workspace.url, { headers: { cookie: cookies['khoa.bui'] ?? '' } }],
      [hub.gatewayUrl, {}],
    ] as const) {
      const response = await fetch(`${base}/graphiql`, init);
      assert.equal(response.status, 200, base);
      const html = await response.text();
      assert.ok(!/(src|href)="(https?:)?\/\//.test(html), `${base}: nothing from another origin`);
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self';/);
      const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1] ?? '');
      assert.equal(scripts.length, 4);
      for (const src of [...scripts, /href="([^"]+\.css)"/.exec(html)?.[1] ?? '']) {
        const asset = await fetch(`${base}${src}`, init);
        assert.equal(asset.status, 200, `${base}${src}`);
        assert.ok((await asset.arrayBuffer()).byteLength > 100);
      }
    }
    assert.equal((await fetch(`${hub.gatewayUrl}/graphiql/assets/nope.js`)).status, 404);
  });

  test('the workspace’s GraphiQL asks the gateway as the admin, with the CSRF token in a header', async () => {
    const html = (await page('khoa.bui', '/graphiql')).html;
    const csrf = /data-csrf="([^"]+)"/.exec(html)?.[1] ?? '';
    const ask = (headers: Record<string, string>, body: unknown) =>
      page('khoa.bui', '/graphiql/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const forged = await ask({ 'x-csrf-token': 'forged' }, { query: '{ handlingUnits { code } }' });
    assert.equal(forged.status, 403);
    assert.match(forged.html, /CSRF_TOKEN_INVALID/);
    assert.equal((await ask({ 'x-csrf-token': csrf }, { query: 42 })).status, 400);
    const answered = await ask({ 'x-csrf-token': csrf }, { query: '{ handlingUnits { code } }' });
    assert.equal(answered.status, 200);
    assert.ok((JSON.parse(answered.html) as { data: { handlingUnits: unknown[] } }).data.handlingUnits.length > 0);
    assert.ok(!answered.html.includes('eyJ'), 'no token in the answer');
    assert.equal((await page('em.vo', '/graphiql')).status, 403);
  });

  test('sign-out: CSRF-checked, then the realm’s end-session endpoint', async () => {
    const html = (await page('em.vo', '/lanh-dao')).html;
    const out = await page('em.vo', '/auth/logout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: csrfOf(html) }).toString() });
    assert.equal(out.status, 303);
    assert.ok((out.headers.get('location') ?? '').startsWith(hub.idp.issuer));
    assert.equal((await page('em.vo', '/lanh-dao')).status, 302, 'signed out here');
  });
});
