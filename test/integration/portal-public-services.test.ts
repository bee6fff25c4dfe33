// Cổng dịch vụ công's public pages against a real hub, as a citizen without an account uses them: track a
// dossier by code and receipt PIN (and what a wrong PIN, a malformed code or hostile input get), search
// the catalogue without diacritics, open a procedure, ask a question and get sources or an honest
// "not known" with the way to 1022 — never the owner's data, never an error page that leaks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { portalClients, reservePortalPorts, startPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';

/** A demo dossier of an.nguyen (subgraphs/dossier/prisma/seed-data.ts): returned, with an inter-agency step and a private one. */
const DOSSIER = { code: '000.00.12.H29-260915-0187', pin: '481926' };

let hub: Hub;
let portals: Portals;

before(async () => {
  const ports = await reservePortalPorts();
  hub = await startHub({ extraClients: portalClients(ports) });
  portals = await startPortals(hub, ports);
});
after(async () => {
  await portals?.close();
  await hub?.close();
});

const page = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${portals.services.url}${path}`, { redirect: 'manual', ...init });
  return { status: response.status, html: await response.text(), headers: response.headers };
};
const track = (fields: Record<string, string>) => page('/tra-cuu', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

/** No trace of the owner anywhere in a page: name, ID number, phone. */
function assertNoOwnerData(html: string): void {
  const owner = DEMO_ACCOUNTS[0]!;
  for (const secret of [owner.name, owner.phone, DOSSIER.pin]) {
    assert.ok(!html.includes(secret), `the page must not show ${secret}`);
  }
}

describe('tracking a dossier without signing in', () => {
  test('the code and the receipt PIN show the status, the agency and the public timeline', async () => {
    const form = await page('/tra-cuu');
    assert.equal(form.status, 200);
    assert.match(form.html, /<form method="post" action="\/tra-cuu"/);
    const { status, html } = await track({ code: DOSSIER.code, verifier: DOSSIER.pin });
    assert.equal(status, 200);
    assert.match(html, /id="tracking-result"/);
    assert.match(html, /Đã trả kết quả/);
    assert.match(html, /Sở Tư pháp TP\.HCM/);
    assert.match(html, /Xác minh thông tin án tích/, 'an inter-agency step is public');
    assert.match(html, /Công an TP\.HCM/, 'with the agency where it happened');
    assert.ok(!html.includes('Trình lãnh đạo Sở ký'), 'a private step is not');
    assertNoOwnerData(html);
  });

  test("the owner's phone digits work too; a wrong PIN and an unknown code read the same", async () => {
    const owner = DEMO_ACCOUNTS[0]!;
    assert.equal((await track({ code: DOSSIER.code, verifier: owner.phone.slice(-4) })).status, 200);
    const wrong = await track({ code: DOSSIER.code, verifier: '000000' });
    const unknown = await track({ code: '000.00.12.H29-260915-9999', verifier: '000000' });
    assert.equal(wrong.status, 404);
    assert.equal(unknown.status, 404);
    const message = (html: string) => /<div class="flash error" role="alert">([^<]*)</.exec(html)?.[1];
    assert.ok(message(wrong.html));
    assert.equal(message(wrong.html), message(unknown.html));
    assert.ok(!wrong.html.includes('id="tracking-result"'));
    assert.ok(wrong.html.includes(`value="${DOSSIER.code}"`), 'the code typed stays in the form');
    assert.ok(!wrong.html.includes('000000'), 'the verifier typed is never shown again');
  });

  test('bad input gets a message on the form, never a crash or an echo of markup', async () => {
    for (const [fields, status] of [
      [{ code: '', verifier: '123456' }, 400],
      [{ code: '<script>alert(1)</script>', verifier: '123456' }, 400],
      [{ code: DOSSIER.code, verifier: '12' }, 400],
      [{ code: DOSSIER.code, verifier: 'abcdef' }, 400],
      [{ code: 'x'.repeat(5000), verifier: '123456' }, 400],
      [{ verifier: '123456' }, 400],
    ] as const) {
      const response = await track(fields);
      assert.equal(response.status, status, JSON.stringify(fields).slice(0, 80));
      assert.match(response.html, /id="tracking-form"/);
      assert.ok(!response.html.includes('<script>alert'), 'markup is never echoed');
    }
  });
});

describe('the catalogue and the answers box', () => {
  test('a search without diacritics finds the building permit, and its page has documents, fees and legal basis', async () => {
    const { status, html } = await page(`/thu-tuc?q=${encodeURIComponent('cap giay phep xay dung')}`);
    assert.equal(status, 200);
    const first = /<ul class="results" id="procedure-results"><li><a href="\/thu-tuc\/([^"]+)"><strong>([^<]+)</.exec(html);
    assert.ok(first, 'a list of procedures');
    assert.match(first[2]!, /giấy phép xây dựng/i);
    const procedure = await page(`/thu-tuc/${first[1]}`);
    assert.equal(procedure.status, 200);
    assert.match(procedure.html, /Thành phần hồ sơ/);
    assert.match(procedure.html, /Phí, lệ phí/);
    assert.match(procedure.html, /Căn cứ pháp lý/);
    assert.match(procedure.html, /ngày làm việc/);
  });

  test('an unknown procedure code is a 404 page; an over-long search is refused on the page', async () => {
    assert.equal((await page('/thu-tuc/9.999999.H29')).status, 404);
    const long = await page(`/thu-tuc?q=${'a'.repeat(600)}`);
    assert.ok([200, 400].includes(long.status));
    assert.match(long.html, /id="catalogue-search"/);
  });

  test('a colloquial question gets answers with their sources; nonsense gets "not known" and the way to 1022', async () => {
    const known = await page(`/hoi-dap?q=${encodeURIComponent('lam so do can giay to gi')}`);
    assert.equal(known.status, 200);
    assert.match(known.html, /id="answers"/);
    assert.match(known.html, /href="\/(thu-tuc|hoi-dap)\/[^"]+"/, 'each answer links to its source');
    assert.match(known.html, /độ tin cậy \d+%/);

    const unknown = await page(`/hoi-dap?q=${encodeURIComponent('xyzzy quux frobnicate')}`);
    assert.equal(unknown.status, 200);
    assert.match(unknown.html, /id="answer-unknown"/);
    assert.match(unknown.html, new RegExp(`href="${portals.feedback.url}/?"`), 'offers to open a 1022 item');

    const tooLong = await page(`/hoi-dap?q=${'hỏi '.repeat(200)}`);
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.html, /500 ký tự/);
  });

  test("the agencies' results: a table ranked by on-time rate for the chosen dates; bad dates get a message", async () => {
    const { status, html } = await page('/thong-ke?tu=2026-01-01&den=2026-12-31');
    assert.equal(status, 200);
    assert.match(html, /<table id="agency-statistics">/);
    assert.match(html, /Sở Tư pháp TP\.HCM/);
    const ranks = [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((match) => Number(match[1]));
    assert.deepEqual(
      ranks,
      ranks.map((_, index) => index + 1),
    );
    for (const query of ['tu=2026-02-30&den=2026-03-01', 'tu=yesterday&den=2026-03-01', 'tu=2026-03-01&den=2026-01-01']) {
      const bad = await page(`/thong-ke?${query}`);
      assert.equal(bad.status, 400, query);
      assert.match(bad.html, /id="statistics-form"/);
    }
  });

  test('every public page has the sections bar and a phone-sized viewport, and no scripts', async () => {
    for (const path of ['/tra-cuu', '/thu-tuc', '/hoi-dap', '/thong-ke']) {
      const { status, html, headers } = await page(path);
      assert.equal(status, 200, path);
      assert.match(html, /<nav class="sections"/);
      assert.match(html, /name="viewport" content="width=device-width, initial-scale=1"/);
      assert.ok(!/<script/i.test(html));
      assert.match(headers.get('content-security-policy') ?? '', /default-src 'none'/);
    }
  });
});
