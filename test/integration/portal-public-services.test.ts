// Cổng dịch vụ công's public pages against a real hub, as a citizen without an account uses them: track a
// dossier by code and receipt PIN (and what a wrong PIN, a malformed code or hostile input get), search
// the catalogue without diacritics, open a procedure, ask a question and get sources or an honest
// "not known" with the way to 1022 — never the owner's data, never an error page that leaks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { followRedirects } from '../../testing/oidc-login.ts';
import { parsePortalConfig } from '../../web/portal/config.ts';
import { wgs84ToVn2000 } from '../../subgraphs/planning/vn2000.ts';

/** A demo dossier of an.nguyen (subgraphs/dossier/prisma/seed-data.ts): returned, with an inter-agency step and a private one. */
const DOSSIER = { code: '000.00.12.H29-260915-0187', pin: '481926' };

let hub: Hub;
let portals: Portals;

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
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

describe('the planning page (no JavaScript needed)', () => {
  /** The map's data block of a planning page: where it centres and what it highlights. */
  const mapData = (html: string) =>
    JSON.parse(/<script type="application\/json" id="map-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null') as { point: { lat: number; lng: number } | null; parcel: unknown };
  const parcelShown = (html: string) => /Thửa số <strong>(\d+)<\/strong>, tờ bản đồ số <strong>(\d+)<\/strong>/.exec(html)?.slice(1).map(Number);

  test('sheet and parcel, the GPS point and the VN-2000 certificate coordinates answer the same parcel, its zone, limits and scheme', async () => {
    const empty = await page('/quy-hoach');
    assert.equal(empty.status, 200);
    for (const form of ['form-gps', 'form-vn2000', 'form-parcel']) assert.match(empty.html, new RegExp(`<form method="get" action="/quy-hoach" id="${form}">`));
    // Scripts only from this origin (Leaflet served by the portal), none inline; JSON data is not run.
    const csp = empty.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /connect-src 'self'/);
    assert.ok(!/img-src[^;]*https?:/.test(csp), 'no tile server unless configured');
    for (const tag of empty.html.match(/<script[^>]*>/g) ?? []) assert.match(tag, /src="\/assets\/|type="application\/json"/, tag);

    const byNumber = await page('/quy-hoach?phuong=P-BAN-CO&to=204&thua=7');
    assert.equal(byNumber.status, 200);
    assert.deepEqual(parcelShown(byNumber.html), [7, 204]);
    assert.match(byNumber.html, /id="zone"[\s\S]*Mật độ xây dựng tối đa[\s\S]*Tầng cao tối đa[\s\S]*Hệ số sử dụng đất[\s\S]*Khoảng lùi/);
    assert.match(byNumber.html, /id="scheme"[\s\S]*MP-1000\/QĐ-UBND[\s\S]*28\/06\/2024/);
    assert.match(byNumber.html, /<a href="https:\/\/[^"]+" rel="noopener">/, "the scheme's documents");
    assert.match(byNumber.html, /id="report-sign-in"/, 'signed out: sign in to report wrong data');
    const { point, parcel } = mapData(byNumber.html);
    assert.ok(point && parcel, 'the map gets the point and the parcel shape');

    const byGps = await page(`/quy-hoach?lat=${point.lat}&lng=${point.lng}`);
    assert.equal(byGps.status, 200);
    assert.deepEqual(parcelShown(byGps.html), [7, 204]);
    assert.ok(byGps.html.includes(`value="${point.lat}"`), 'the typed coordinates stay in the form');

    const { x, y } = wgs84ToVn2000(point.lat, point.lng, 105.75);
    const byVn2000 = await page(`/quy-hoach?x=${x.toFixed(3)}&y=${y.toFixed(3)}&tinh=HCM`);
    assert.equal(byVn2000.status, 200);
    assert.deepEqual(parcelShown(byVn2000.html), [7, 204]);
    // Decimal commas, as typed on a Vietnamese keyboard, are read too.
    assert.equal((await page(`/quy-hoach?lat=${String(point.lat).replace('.', ',')}&lng=${String(point.lng).replace('.', ',')}`)).status, 200);
  });

  test('the map layers are GeoJSON from the portal, Leaflet is served from node_modules, and bad input is a message with its code', async () => {
    const wards = JSON.parse((await page('/quy-hoach/phuong.json')).html) as { type: string; features: { geometry: { type: string } }[] };
    assert.equal(wards.type, 'FeatureCollection');
    assert.ok(wards.features.length > 10 && wards.features.every((feature) => ['Polygon', 'MultiPolygon'].includes(feature.geometry.type)));
    const parcels = JSON.parse((await page('/quy-hoach/thua.json?w=106.68&s=10.77&e=106.70&n=10.79')).html) as { features: unknown[] };
    assert.ok(parcels.features.length > 0, 'parcels of the modelled grid in Bàn Cờ');
    for (const query of ['w=106&s=10&e=107&n=11', 'w=x&s=10&e=107&n=11', 'w=106.7&s=10.8&e=106.69&n=10.81']) {
      assert.equal((await page(`/quy-hoach/thua.json?${query}`)).status, 400, query);
    }
    const leaflet = await page('/assets/leaflet/leaflet.js');
    assert.equal(leaflet.status, 200);
    assert.match(leaflet.headers.get('content-type') ?? '', /javascript/);
    assert.match(leaflet.html, /Leaflet/);
    assert.equal((await page('/assets/leaflet/leaflet.css')).status, 200);
    assert.equal((await page('/assets/..%2F..%2Fconfig.ts')).status, 404);

    for (const [query, status, text] of [
      ['lat=abc&lng=106.7', 400, /số thập phân/],
      ['lat=21.0285&lng=105.8542', 400, /LOCATION_OUTSIDE_JURISDICTION/],
      ['lat=NaN&lng=Infinity', 400, /số thập phân/],
      ['x=1189964&y=950000&tinh=HCM', 400, /VN2000_OUTSIDE_ZONE/],
      ['x=1189964&y=600997&tinh=HCM&kt=104.1', 400, /BAD_USER_INPUT/],
      ['x=1189964&y=600997&tinh=HA_NOI', 400, /Chọn tỉnh/],
      ['phuong=P-BAN-CO&to=9999&thua=1', 404, /không có tờ bản đồ số này/],
      ['phuong=P-BAN-CO&to=204&thua=99999', 404, /không có thửa số này/],
      [`phuong=${encodeURIComponent('<script>alert(1)</script>')}&to=1&thua=1`, 404, /Không tìm thấy phường/],
      ['phuong=P-BAN-CO&to=-1&thua=1', 400, /số nguyên dương/],
    ] as const) {
      const response = await page(`/quy-hoach?${query}`);
      assert.equal(response.status, status, query);
      assert.match(response.html, text, query);
      assert.match(response.html, /id="form-parcel"/, 'the forms stay');
      assert.ok(!response.html.includes('<script>alert'), 'markup is never echoed');
    }
  });

  test('a signed-in citizen reports wrong planning data: a 1022 item in the planning category at the parcel; an unknown parcel is refused', async () => {
    const jar: Map<string, string> = new Map();
    const start = await followRedirects(`${portals.services.url}/auth/login`, { method: 'GET' }, jar, 'http://127.0.0.1:1/never');
    const action = /<form[^>]*\baction="([^"]+\/login)"/.exec((await start.response?.text()) ?? '')?.[1];
    assert.ok(action && start.response, 'the login form');
    const owner = DEMO_ACCOUNTS[0]!;
    const signedIn = await followRedirects(new URL(action, start.response.url).href, formPost({ username: owner.username, password: 'demo' }), jar, 'http://127.0.0.1:1/never');
    await signedIn.response?.body?.cancel();
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

    const parcelPage = await page('/quy-hoach?phuong=P-BAN-CO&to=204&thua=7', { headers: { cookie } });
    assert.match(parcelPage.html, /id="report-form"/);
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(parcelPage.html)?.[1] ?? '';
    const report = (fields: Record<string, string>) => page('/quy-hoach/bao-sai', { ...formPost(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    const fields = { csrf: field('csrf'), key: field('key'), phuong: 'P-BAN-CO', to: '204', thua: '7', 'noi-dung': 'Thửa này là đất ở hiện hữu, bản đồ ghi đất công viên.' };

    const unknown = await report({ ...fields, key: 'unknown-parcel-report', to: '9999' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.html, /không có tờ bản đồ số này\.[^<]*\(NOT_FOUND\)/);
    assert.equal((await report({ ...fields, csrf: 'forged' })).status, 403);
    assert.equal((await report({ ...fields, 'noi-dung': 'ngắn' })).status, 400);

    /** The item code in the one-time message on the parcel's page the report leads back to. */
    const sentCode = async (response: { status: number; headers: Headers }) => {
      assert.equal(response.status, 303);
      const back = await page(response.headers.get('location') ?? '', { headers: { cookie } });
      assert.match(back.html, /id="planning-result"/, 'back on the parcel');
      return /Đã gửi báo sai sót thông tin quy hoạch, mã phản ánh ([A-Z0-9]+)/.exec(back.html)?.[1];
    };
    const code = await sentCode(await report(fields));
    assert.ok(code, 'the item code, once');
    assert.equal(await sentCode(await report(fields)), code, 'a double submission files one item');

    const items = await hub.subgraphs['feedback']!.database.withConnection((connection) =>
      connection.query<{ category_code: string; ward_code: string; unit_code: string | null; title: string }>('SELECT category_code, ward_code, unit_code, title FROM feedback_item WHERE code = $1', [
        code,
      ]),
    );
    assert.equal(items.length, 1);
    assert.deepEqual([items[0]?.category_code, items[0]?.ward_code, items[0]?.unit_code], ['QUY_HOACH', 'P-BAN-CO', 'SO-XAY-DUNG']);
    assert.match(items[0]?.title ?? '', /thửa 7, tờ 204/);

    const signedOut = await page('/quy-hoach/bao-sai', formPost(fields));
    assert.equal(signedOut.status, 303);
    assert.match(signedOut.headers.get('location') ?? '', /^\/auth\/login\?returnTo=/);
  });
});

describe("the planning map's tile configuration", () => {
  test('off by default; a template with {z}, {x}, {y} on http(s) is taken; anything else is refused at start', () => {
    assert.equal(parsePortalConfig({}).mapTiles, undefined);
    const tiles = parsePortalConfig({ PORTAL_MAP_TILE_URL: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png', PORTAL_MAP_TILE_ATTRIBUTION: '© Sở Xây dựng' }).mapTiles;
    assert.deepEqual(tiles, { url: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png', attribution: '© Sở Xây dựng' });
    for (const url of ['javascript:alert(1)//{z}{x}{y}', 'https://tiles.example.vn/tile.png', 'ftp://tiles.example.vn/{z}/{x}/{y}.png', 'https://tiles.example.vn/{z}/{x}/{y}.png" onerror="x']) {
      assert.throws(() => parsePortalConfig({ PORTAL_MAP_TILE_URL: url }), /PORTAL_MAP_TILE_URL/, url);
    }
  });
});

function formPost(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}
