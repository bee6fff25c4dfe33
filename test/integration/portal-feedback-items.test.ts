// The 1022 portal's item page, public reports and the send form's photos against a real hub, without a
// browser: a citizen opens their own item (status in words, unit, deadline, history, result), rates it
// once and reopens another with a reason through plain forms; someone else's code and malformed codes
// get coded pages that show nothing of the item; anyone lists and filters public items (no reporter data,
// anonymous points as the public view rounds them), looks one up by code, and the map's files stay under
// 100 KB of JavaScript; a photo uploaded through the portal goes with a new item and is shown on its page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { portalFormPost, signInAtPortal, startHubWithPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';

/** Demo items (subgraphs/feedback/prisma/seed-data.ts). */
const ITEMS = {
  /** an.nguyen's, RESOLVED by Sở Xây dựng: rated here. */
  resolved: 'PHA261000483917',
  /** an.nguyen's, PUBLISHED: reopened here. */
  published: 'PHA261000351268',
  /** an.nguyen's, IN_PROGRESS: neither rated nor reopened. */
  inProgress: 'PHA261000729150',
  /** an.nguyen's, private and anonymous. */
  privateOwn: 'PHA261100905342',
  /** binh.tran's, CLOSED, public. */
  binhs: 'PHA261000618243',
  /** cuong.le's, anonymous and public (its public point is rounded). */
  anonymousPublic: 'PHA261100562087',
  /** cuong.le's, REJECTED and private. */
  rejected: 'PHA261100139658',
} as const;
/** A tiny real PNG (4×3), as in feedback-photos.test.ts. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAKklEQVR4AVzIMQ0AAAgDwaaW8IIExKEFNEE6sPDJLU9kjBRshHixvCH3FwAA//8zqKo6AAAABklEQVQDAIimC/+NjOIuAAAAAElFTkSuQmCC', 'base64');

let hub: Hub;
let portals: Portals;
let cookie = '';
let token = '';

const page = async (path: string, init: RequestInit = {}, withCookie = true) => {
  const response = await fetch(`${portals.feedback.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { ...(withCookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
};
const post = (path: string, fields: Record<string, string>) => page(path, portalFormPost(fields));
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const alertOf = (html: string) => /<div class="flash error" role="alert">([^<]*)<\/div>/.exec(html)?.[1] ?? '';

async function gateway<Data>(query: string, variables: Record<string, unknown> = {}, as = token): Promise<Data> {
  const { body } = await hub.graphql(query, { token: as, variables });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Data;
}

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  const scope = 'openid profile feedback:read feedback:write';
  token = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'an.nguyen', password: 'demo', scope })).accessToken;
  cookie = await signInAtPortal(portals.feedback, 'an.nguyen');
});
after(async () => {
  await portals?.close();
  await hub?.close();
});

describe('the item page', () => {
  test('"my feedback" rows and the inbox link to the page; it shows the status in words, the unit, the deadline, the history and the result', async () => {
    const home = await page('/');
    assert.equal(home.status, 200);
    assert.ok(home.html.includes(`href="/phan-anh/${ITEMS.resolved}"`), 'the row opens the item');
    const { status, html } = await page(`/phan-anh/${ITEMS.resolved}`);
    assert.equal(status, 200);
    const { myFeedback: item } = await gateway<{ myFeedback: { title: string; unit: { name: string }; history: unknown[]; resultText: string } }>(
      'query ($code: String!) { myFeedback(code: $code) { title unit { name } history { at } resultText } }',
      { code: ITEMS.resolved },
    );
    assert.match(html, /<h1 id="item-title">/);
    assert.match(html, /Đã xử lý<\/span><\/span> Đơn vị đã xử lý xong/, 'the status in words');
    assert.ok(html.includes(`<dd id="item-unit">${item.unit.name}</dd>`), 'the unit handling it');
    assert.match(html, /<dd id="item-due"><time datetime=/, 'the deadline');
    assert.equal((/<ol class="timeline" id="history">([\s\S]*?)<\/ol>/.exec(html)?.[1]?.match(/<li>/g) ?? []).length, item.history.length, 'every step of the history');
    assert.match(html, /<section class="card" id="result"/);
    assert.ok(html.includes('mặt đường đã êm thuận'), 'the result');
    assert.match(html, /<form method="post" action="\/phan-anh\/PHA261000483917\/danh-gia"/, 'resolved: the rating form');
    assert.match(html, /<form method="post" action="\/phan-anh\/PHA261000483917\/mo-lai"/, 'resolved: the reopen form');
    assert.ok(!html.includes(token), 'no token in the page');
    const inProgress = await page(`/phan-anh/${ITEMS.inProgress}`);
    assert.equal(inProgress.status, 200);
    assert.doesNotMatch(inProgress.html, /danh-gia|mo-lai/, 'nothing to rate or reopen while it is being handled');
  });

  test("someone else's code, an unknown one and malformed ones get coded pages that show nothing of an item", async () => {
    const theirs = await page(`/phan-anh/${ITEMS.binhs}`);
    assert.equal(theirs.status, 404);
    assert.match(theirs.html, /NOT_FOUND/);
    assert.doesNotMatch(theirs.html, /Cống|ngập|Chợ Lớn|item-title/, "nothing of binh's item");
    const unknown = await page('/phan-anh/PHA999999999999');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.html.replaceAll('PHA999999999999', 'X'), theirs.html.replaceAll(ITEMS.binhs, 'X'), 'a foreign item looks like a missing one');
    for (const bad of ['pha261000483917', 'PHA12', '%3Cscript%3E', 'PHA261000483917x', "PHA'--"]) {
      const malformed = await page(`/phan-anh/${bad}`);
      assert.equal(malformed.status, 400, bad);
      assert.match(malformed.html, /BAD_USER_INPUT/, bad);
      assert.doesNotMatch(malformed.html, /<script>/, bad);
    }
    const signedOut = await page(`/phan-anh/${ITEMS.resolved}`, {}, false);
    assert.equal(signedOut.status, 302);
    assert.equal(signedOut.headers.get('location'), `/auth/login?returnTo=${encodeURIComponent(`/phan-anh/${ITEMS.resolved}`)}`);
  });

  test('rating: bad stars, a long comment, no CSRF and a foreign item are refused with the typing kept; then once, and not twice', async () => {
    const path = `/phan-anh/${ITEMS.resolved}/danh-gia`;
    const csrf = csrfOf((await page(`/phan-anh/${ITEMS.resolved}`)).html);
    for (const stars of ['0', '6', 'x', '', '3.5']) {
      const refused = await post(path, { csrf, stars, comment: 'Sửa nhanh, cảm ơn' });
      assert.equal(refused.status, 400, `stars ${stars}`);
      assert.match(alertOf(refused.html), /1 đến 5 sao.*BAD_USER_INPUT/);
      assert.ok(refused.html.includes('>Sửa nhanh, cảm ơn</textarea>'), 'the comment is kept');
    }
    const long = await post(path, { csrf, stars: '4', comment: 'a'.repeat(2001) });
    assert.equal(long.status, 400);
    assert.match(long.html, /value="4" required checked/, 'the stars are kept');
    assert.equal((await post(path, { stars: '5' })).status, 403, 'no CSRF token');
    assert.equal((await post(path, { csrf: 'forged', stars: '5' })).status, 403, 'a forged CSRF token');
    const foreign = await post(`/phan-anh/${ITEMS.binhs}/danh-gia`, { csrf, stars: '1' });
    assert.equal(foreign.status, 404, "someone else's item");
    assert.equal((await post('/phan-anh/nope/danh-gia', { csrf, stars: '1' })).status, 400);
    const early = await post(`/phan-anh/${ITEMS.inProgress}/danh-gia`, { csrf, stars: '2' });
    assert.equal(early.status, 409, 'not resolved yet');
    assert.match(alertOf(early.html), /ILLEGAL_TRANSITION/);

    const rated = await post(path, { csrf, stars: '4', comment: 'Sửa nhanh, cảm ơn' });
    assert.equal(rated.status, 303);
    assert.equal(rated.headers.get('location'), `/phan-anh/${ITEMS.resolved}`);
    const after = await page(`/phan-anh/${ITEMS.resolved}`);
    assert.match(after.html, /Cảm ơn bạn đã đánh giá/);
    assert.match(after.html, /<span class="sr-only">4\/5<\/span>/, 'the rating shown');
    assert.doesNotMatch(after.html, /action="\/phan-anh\/PHA261000483917\/danh-gia"/, 'no second form');
    const { myFeedback } = await gateway<{ myFeedback: { rating: { stars: number; comment: string } } }>('query ($code: String!) { myFeedback(code: $code) { rating { stars comment } } }', {
      code: ITEMS.resolved,
    });
    assert.deepEqual(myFeedback.rating, { stars: 4, comment: 'Sửa nhanh, cảm ơn' });
    const twice = await post(path, { csrf, stars: '1' });
    assert.equal(twice.status, 409);
    assert.match(alertOf(twice.html), /ILLEGAL_TRANSITION/);
  });

  test('reopening: a short reason and a foreign item are refused with the reason kept; then reopened, in the history, and not twice', async () => {
    const path = `/phan-anh/${ITEMS.published}/mo-lai`;
    const csrf = csrfOf((await page(`/phan-anh/${ITEMS.published}`)).html);
    const short = await post(path, { csrf, reason: 'chưa' });
    assert.equal(short.status, 400);
    assert.match(alertOf(short.html), /10–2000 ký tự.*BAD_USER_INPUT/);
    assert.ok(short.html.includes('>chưa</textarea>'), 'the reason is kept');
    assert.equal((await post(path, { reason: 'Cây vẫn chưa được cắt tỉa.' })).status, 403, 'no CSRF token');
    assert.equal((await post(`/phan-anh/${ITEMS.binhs}/mo-lai`, { csrf, reason: 'Cống vẫn ngập khi mưa.' })).status, 404);
    const early = await post(`/phan-anh/${ITEMS.inProgress}/mo-lai`, { csrf, reason: 'Vẫn còn lấn chiếm vỉa hè.' });
    assert.equal(early.status, 409);
    assert.ok(early.html.includes('Vẫn còn lấn chiếm vỉa hè.'), 'the reason is kept on a refusal');

    const reopened = await post(path, { csrf, reason: 'Cây vẫn chưa được cắt tỉa, cành sát dây điện.' });
    assert.equal(reopened.status, 303);
    const after = await page(`/phan-anh/${ITEMS.published}`);
    assert.match(after.html, /Đã mở lại phản ánh/);
    assert.match(after.html, /title="REOPENED">Mở lại<\/span><\/span> Bạn đã mở lại/);
    assert.match(after.html, /<strong>Mở lại<\/strong> <span class="muted">\(bạn · you\)<\/span>[\s\S]*?Cây vẫn chưa được cắt tỉa, cành sát dây điện\./, 'in the history with its reason');
    assert.doesNotMatch(after.html, /action="\/phan-anh\/PHA261000351268\/mo-lai"/, 'no reopen form any more');
    const twice = await post(path, { csrf, reason: 'Cây vẫn chưa được cắt tỉa, lần hai.' });
    assert.equal(twice.status, 409);
  });
});

describe('public reports', () => {
  test('the list and map: public items only, no reporter data, anonymous points as the public view rounds them', async () => {
    const { status, html, headers } = await page('/cong-khai', {}, false);
    assert.equal(status, 200);
    const { publicFeedback } = await gateway<{ publicFeedback: { code: string; location: { lat: number; lng: number } }[] }>(
      '{ publicFeedback(first: 50) { code location { lat lng } } }',
      {},
      undefined,
    );
    const listed = [...html.matchAll(/<li id="pub-(PHA\d{12})">/g)].map((match) => match[1]);
    assert.deepEqual(
      listed,
      publicFeedback.map((item) => item.code),
      'the public view, in its order',
    );
    assert.ok(!listed.includes(ITEMS.privateOwn) && !listed.includes(ITEMS.rejected), 'no private or rejected item');
    assert.doesNotMatch(html, /Nguyễn Văn An|an\.nguyen|binh\.tran|Trần|090\d{7}/, 'no reporter data');
    const data = JSON.parse(/<script type="application\/json" id="map-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}') as { items: { code: string; lat: number; lng: number }[] };
    const anonymous = data.items.find((item) => item.code === ITEMS.anonymousPublic);
    const given = publicFeedback.find((item) => item.code === ITEMS.anonymousPublic);
    assert.ok(anonymous && given);
    assert.deepEqual({ lat: anonymous.lat, lng: anonymous.lng }, given.location, 'the map gets the rounded point');
    assert.ok(Math.abs(anonymous.lat / 0.002 - Math.round(anonymous.lat / 0.002)) < 1e-6, 'on the 200 m grid');
    assert.match(headers.get('content-security-policy') ?? '', /script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'/);
    assert.match(html, /<script src="\/assets\/leaflet\/leaflet.js" defer><\/script>\n<script src="\/assets\/map-base.js" defer><\/script>\n<script src="\/assets\/feedback-map.js" defer><\/script>/);
  });

  test('filters by ward, category and status, and near a tapped place; bad filters are refused', async () => {
    const ward = await page('/cong-khai?phuong=P-CHO-LON', {}, false);
    assert.equal(ward.status, 200);
    assert.ok(ward.html.includes(`id="pub-${ITEMS.binhs}"`));
    assert.doesNotMatch(ward.html, /id="pub-PHA261000483917"/, 'another ward’s item is not listed');
    const byCategory = await page('/cong-khai?linh-vuc=THOAT_NUOC&trang-thai=CLOSED', {}, false);
    assert.deepEqual(
      [...byCategory.html.matchAll(/<li id="pub-(PHA\d{12})">/g)].map((match) => match[1]),
      [ITEMS.binhs],
    );
    assert.ok(byCategory.html.includes('Công ty Thoát nước đô thị đã nạo vét'), 'with its result');
    const near = await page('/cong-khai?lat=10.7502&lng=106.6594', {}, false);
    assert.equal(near.status, 200);
    assert.match(near.html, /<p id="place">Gần điểm bạn chọn/);
    assert.ok(near.html.includes(`id="pub-${ITEMS.binhs}"`), 'the items of the place’s ward');
    for (const query of ['phuong=%3Cb%3E', 'linh-vuc=a%20b', 'trang-thai=REJECTED', 'trang-thai=NOPE', 'lat=abc&lng=106.7', 'lat=10.7']) {
      const refused = await page(`/cong-khai?${query}`, {}, false);
      assert.equal(refused.status, 400, query);
      assert.match(alertOf(refused.html), /BAD_USER_INPUT/, query);
    }
    const outside = await page('/cong-khai?lat=21.0285&lng=105.8542', {}, false);
    assert.equal(outside.status, 400);
    assert.match(alertOf(outside.html), /\((LOCATION_OUTSIDE_JURISDICTION|NOT_FOUND)\)/);
  });

  test('look an item up by its code: a public one opens, private, rejected, unknown and malformed codes are refused alike', async () => {
    const found = await page(`/cong-khai/tra-cuu?ma=${ITEMS.binhs.toLowerCase()}`, {}, false);
    assert.equal(found.status, 303);
    assert.equal(found.headers.get('location'), `/cong-khai/${ITEMS.binhs}`);
    const item = await page(`/cong-khai/${ITEMS.binhs}`, {}, false);
    assert.equal(item.status, 200);
    assert.ok(item.html.includes('Công ty Thoát nước đô thị đã nạo vét'), 'the published result');
    assert.doesNotMatch(item.html, /<script/, 'no script on a page without a map');
    for (const code of [ITEMS.privateOwn, ITEMS.rejected, 'PHA999999999999']) {
      const refused = await page(`/cong-khai/${code}`, {}, false);
      assert.equal(refused.status, 404, code);
      assert.match(alertOf(refused.html), /NOT_FOUND/);
      assert.doesNotMatch(refused.html, /item-title/);
    }
    for (const code of ['abc', '%3Cscript%3E', 'PHA1']) {
      const refused = await page(`/cong-khai/tra-cuu?ma=${code}`, {}, false);
      assert.equal(refused.status, 400, code);
      assert.match(alertOf(refused.html), /BAD_USER_INPUT/);
      assert.doesNotMatch(refused.html, /<script>/);
    }
    assert.equal((await page('/cong-khai/tra-cuu', {}, false)).status, 200, 'the empty form');
  });

  test('the map pages stay under 100 KB of JavaScript on the wire; the files come from the portal', async () => {
    for (const path of ['/cong-khai', '/']) {
      const html = (await page(path)).html;
      let total = 0;
      for (const [, src] of html.matchAll(/<script src="([^"]+)"/g)) {
        const response = await fetch(`${portals.feedback.url}${src}`, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(response.status, 200, src);
        total += Number(response.headers.get('content-length') ?? (await response.arrayBuffer()).byteLength);
      }
      assert.ok(total > 10_000 && total < 100_000, `${path}: ${total} bytes of JavaScript`);
    }
    assert.equal((await page('/ban-do/phuong.json', {}, false)).status, 200);
    assert.equal((await page('/assets/nope.js', {}, false)).status, 404);
  });
});

describe('sending with a photo', () => {
  test('a photo uploaded through the portal goes with the new item and shows on its page; bad uploads and ids are refused', async () => {
    const home = await page('/');
    const csrf = csrfOf(home.html);
    const key = /name="submissionKey" value="([^"]+)"/.exec(home.html)?.[1] ?? '';
    const upload = (body: Buffer, type: string, headers: Record<string, string> = { 'x-csrf-token': csrf }) =>
      fetch(`${portals.feedback.url}/phan-anh/anh`, { method: 'POST', headers: { cookie, 'content-type': type, ...headers }, body });
    assert.equal((await upload(PNG, 'image/png', {})).status, 403, 'no CSRF token');
    assert.equal((await fetch(`${portals.feedback.url}/phan-anh/anh`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG })).status, 401, 'signed out');
    const notImage = await upload(Buffer.from('not an image at all'), 'image/png');
    assert.equal(notImage.status, 415);
    assert.match(JSON.stringify(await notImage.json()), /PHOTO_/);
    assert.equal((await upload(Buffer.from('x'), 'text/plain')).status, 415, 'not a photo type');
    const uploaded = await upload(PNG, 'image/png');
    assert.equal(uploaded.status, 201);
    const { id } = (await uploaded.json()) as { id: string };

    const fields = {
      csrf,
      submissionKey: key,
      categoryCode: 'MOI_TRUONG',
      title: 'Rác tồn đọng đầu hẻm',
      content: 'Rác tồn đọng ba ngày ở đầu hẻm 12, bốc mùi.',
      lat: '10.7725',
      lng: '106.6980',
      isPublic: 'true',
    };
    const badId = await page('/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${new URLSearchParams(fields).toString()}&photoIds=nope&photoIds=${id}`,
    });
    assert.equal(badId.status, 400);
    assert.match(alertOf(badId.html), /ảnh, tối đa 5/);
    assert.ok(badId.html.includes(`name="photoIds" value="${id}"`) && !badId.html.includes('value="nope"'), 'the good photo is kept, the bad id dropped');
    assert.ok(badId.html.includes('value="Rác tồn đọng đầu hẻm"'), 'what was typed is kept');
    const tooMany = await page('/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${new URLSearchParams(fields).toString()}${`&photoIds=${id}`.repeat(6)}`,
    });
    assert.equal(tooMany.status, 400);

    const sent = await page('/feedback', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${new URLSearchParams(fields).toString()}&photoIds=${id}` });
    assert.equal(sent.status, 303);
    const code = /Đã gửi phản ánh (PHA\d{12})/.exec((await page('/')).html)?.[1];
    assert.ok(code, 'the new item');
    const itemPage = await page(`/phan-anh/${code}`);
    assert.ok(itemPage.html.includes(`<img src="/anh/${id}"`), 'the photo on its page');
    const photo = await fetch(`${portals.feedback.url}/anh/${id}`, { headers: { cookie } });
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    assert.equal((await page('/anh/not-a-uuid')).status, 400);
    assert.equal((await page('/anh/00000000-0000-4000-8000-000000000000')).status, 404);
  });
});
