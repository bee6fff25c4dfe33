// What a citizen does with their own dossiers, through the gateway: "my dossiers" with every detail and
// the timeline; withdrawing before processing; answering a supplement request with uploaded documents
// (PDF, JPEG, PNG: sniffed, size-limited, images stripped of metadata); rating once after the return.
// Someone else's dossier looks missing; a partner's service account gets none of it; bad input is
// refused with a code and nothing half-written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import type { PrismaClient } from '../../subgraphs/dossier/prisma/generated/client.ts';
import type { BusEvent } from '../../subgraphs/kit/events/bus.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { clientCredentialsToken } from '../../testing/oidc-login.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const [AN, BINH, CUONG] = DEMO_ACCOUNTS;
const MAX_BYTES = 4096;
// A tiny real PNG (4×3) with a tEXt chunk naming the citizen after IHDR.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAKklEQVR4AVzIMQ0AAAgDwaaW8IIExKEFNEE6sPDJLU9kjBRshHixvCH3FwAA//8zqKo6AAAABklEQVQDAIimC/+NjOIuAAAAAElFTkSuQmCC', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const WAITING = '000.00.30.H29-261110-1318'; // an.nguyen, waiting for a supplement asked at reception
const DONE = '000.00.12.H29-260915-0187'; // an.nguyen, returned
const PAYING = '000.01.01.H29-261123-0056'; // an.nguyen, paying
const RECEIVING = '000.00.30.H29-261124-2065'; // cuong.le, being received
const PROCESSING = '000.12.03.H29-261109-0148'; // cuong.le, processing

function pngWithText(text: string): Buffer {
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  // CRC over type + data (zlib's crc32).
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([PNG.subarray(0, 33), chunk, PNG.subarray(33)]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('citizens and their dossiers', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  const tokens: Record<string, string> = {};
  const published: BusEvent[] = [];
  const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

  async function upload(who: string | undefined, bytes: Buffer, type: string) {
    const response = await fetch(`${hub.gatewayUrl}/api/dossier/documents`, {
      method: 'POST',
      headers: { 'content-type': type, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
      body: bytes,
    });
    return {
      status: response.status,
      body: (await response.json()) as { id: string; contentType: string; byteSize: number; errors?: { message: string; extensions: { code: string; maxBytes?: number } }[] },
    };
  }
  async function uploaded(who: string, bytes: Buffer, type: string): Promise<string> {
    const { status, body } = await upload(who, bytes, type);
    assert.equal(status, 201, JSON.stringify(body));
    return body.id;
  }
  const mutate = (who: string, query: string, variables: Record<string, unknown>) => hub.graphql(query, { token: tokens[who]!, variables });
  const withdraw = (who: string, code: string) => mutate(who, 'mutation($code: String!) { withdrawDossier(code: $code) { code status currentStep timeline { kind byOwner } } }', { code });
  const rate = (who: string, code: string, stars: number, comment?: string) =>
    mutate(who, 'mutation($code: String!, $stars: Int!, $comment: String) { rateDossier(code: $code, stars: $stars, comment: $comment) { stars comment ratedAt } }', { code, stars, comment });
  const supply = (who: string, code: string, documentIds: string[], note?: string) =>
    mutate(
      who,
      'mutation($code: String!, $ids: [ID!]!, $note: String) { supplyDossierSupplement(code: $code, documentIds: $ids, note: $note) { status dueAt supplementRequest documents { id contentType byteSize } timeline { kind fromStatus toStatus byOwner note } } }',
      { code, ids: documentIds, note },
    );

  before(async () => {
    keyed = await startHubWithRealmKeys({ subgraphEnv: { DOSSIER_DOCUMENT_MAX_BYTES: String(MAX_BYTES), DOSSIER_DOCUMENTS_PER_SUPPLEMENT: '3' } });
    hub = keyed.hub;
    db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    tokens['an'] = await keyed.token({ sub: AN!.sub });
    tokens['anLevel1'] = await keyed.token({ sub: AN!.sub, acr: '1' });
    tokens['binh'] = await keyed.token({ sub: BINH!.sub });
    tokens['cuong'] = await keyed.token({ sub: CUONG!.sub });
    tokens['partner'] = await clientCredentialsToken({ issuer: hub.idp.issuer, clientId: 'city-app', clientSecret: 'city-app-demo-secret', scope: 'dossier:read' });
    await hub.bus.subscribe({ consumer: 'test-citizen-events', topic: 'dossier.>', handler: async ({ event }) => void published.push(event) });
  });
  after(() => keyed?.close());

  test('"my dossiers": every detail and the whole timeline, own dossiers only', async () => {
    const { body } = await hub.graphql('{ me { dossiers { code status currentStep supplementRequest agency { code } timeline { kind toStatus public } documents { id } rating { stars } } } }', {
      token: tokens['an']!,
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const dossiers = (body.data?.['me'] as { dossiers: { code: string; supplementRequest: string | null; timeline: { public: boolean }[] }[] }).dossiers;
    assert.deepEqual(dossiers.map((dossier) => dossier.code).sort(), [DONE, '000.00.15.H29-261005-0942', WAITING, PAYING].sort());
    assert.ok(
      dossiers.find((dossier) => dossier.code === DONE)!.timeline.some((step) => !step.public),
      'private steps too',
    );
    assert.match(dossiers.find((dossier) => dossier.code === WAITING)!.supplementRequest ?? '', /bổ sung/);
  });

  test("a partner's service account never sees anyone's dossiers, and can act on none", async () => {
    const mine = await hub.graphql('{ me { dossiers { code } } }', { token: tokens['partner']! });
    assert.equal(codeOf(mine.body), 'FORBIDDEN');
    assert.ok(!JSON.stringify(mine.body).includes(DONE));
    const one = await hub.graphql(`{ dossier(code: "${DONE}") { code } }`, { token: tokens['partner']! });
    assert.ok(['FORBIDDEN', 'STEP_UP_REQUIRED'].includes(String(codeOf(one.body))), JSON.stringify(one.body));
    assert.equal(one.body.data?.['dossier'] ?? null, null);
    for (const answer of [await withdraw('partner', PAYING), await rate('partner', DONE, 5)])
      assert.ok(['FORBIDDEN', 'STEP_UP_REQUIRED'].includes(String(codeOf(answer.body))), JSON.stringify(answer.body));
    assert.equal((await upload('partner', PDF, 'application/pdf')).status, 403);
  });

  test('withdraw before processing: CANCELLED, a WITHDRAWN step by the owner, an event; never twice, never once processing started', async () => {
    const { body } = await withdraw('cuong', RECEIVING);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const dossier = body.data?.['withdrawDossier'] as { status: string; currentStep: string; timeline: { kind: string; byOwner: boolean }[] };
    assert.equal(dossier.status, 'CANCELLED');
    assert.deepEqual(dossier.timeline.at(-1), { kind: 'WITHDRAWN', byOwner: true });
    assert.equal(codeOf((await withdraw('cuong', RECEIVING)).body), 'ILLEGAL_TRANSITION');
    assert.equal(codeOf((await withdraw('cuong', PROCESSING)).body), 'ILLEGAL_TRANSITION');
    assert.equal(codeOf((await withdraw('cuong', PAYING)).body), 'NOT_FOUND', "someone else's dossier looks missing");
    assert.equal(codeOf((await withdraw('cuong', '000.00.30.H29-261124-9999')).body), 'NOT_FOUND');
    assert.equal(codeOf((await withdraw('anLevel1', PAYING)).body), 'STEP_UP_REQUIRED');
    const deadline = Date.now() + 5_000;
    while (!published.some((event) => event.payload['code'] === RECEIVING) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const event = published.find((candidate) => candidate.payload['code'] === RECEIVING);
    assert.deepEqual([event?.topic, event?.payload['from'], event?.payload['to']], ['dossier.status-changed', 'RECEIVING', 'CANCELLED']);
  });

  test('rate once after the return; bad stars, long comments, unreturned and foreign dossiers refused', async () => {
    assert.equal(codeOf((await rate('an', DONE, 0)).body), 'BAD_USER_INPUT');
    assert.equal(codeOf((await rate('an', DONE, 6)).body), 'BAD_USER_INPUT');
    assert.equal(codeOf((await rate('an', DONE, 5, 'x'.repeat(2001))).body), 'BAD_USER_INPUT');
    assert.equal(codeOf((await rate('an', PAYING, 5)).body), 'ILLEGAL_TRANSITION');
    assert.equal(codeOf((await rate('binh', DONE, 1)).body), 'NOT_FOUND');
    const { body } = await rate('an', DONE, 4, '  Nhanh, đúng hẹn.  ');
    assert.deepEqual({ ...(body.data?.['rateDossier'] as object), ratedAt: undefined }, { stars: 4, comment: 'Nhanh, đúng hẹn.', ratedAt: undefined });
    assert.equal(codeOf((await rate('an', DONE, 5)).body), 'ILLEGAL_TRANSITION', 'once');
    const shown = await hub.graphql(`{ dossier(code: "${DONE}") { rating { stars } } }`, { token: tokens['an']! });
    assert.deepEqual(shown.body.data?.['dossier'], { rating: { stars: 4 } });
  });

  test('documents: too large, of another type, lying about their type or broken are refused with a code and nothing kept', async () => {
    const before = await db.dossierDocument.count();
    const cases: [Buffer, string, number, string][] = [
      [Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]), 'application/pdf', 413, 'DOCUMENT_TOO_LARGE'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'text/html', 415, 'DOCUMENT_TYPE_NOT_ALLOWED'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf', 415, 'DOCUMENT_TYPE_NOT_ALLOWED'],
      [PNG, 'image/jpeg', 415, 'DOCUMENT_TYPE_NOT_ALLOWED'],
      [PDF, 'image/png', 415, 'DOCUMENT_TYPE_NOT_ALLOWED'],
      [
        Buffer.from('UklGRlYAAABXRUJQVlA4IEoAAACwAQCdASoEAAMAAUAmJbACdC0VQlQAAP718Kj8YUMQLf/26d/IlCH7GE0k6P/vbUkv/O4/X/7/XJm/TRNXP/+JC//4kL/wgQAAAA==', 'base64'),
        'image/webp',
        415,
        'DOCUMENT_TYPE_NOT_ALLOWED',
      ],
      [PDF.subarray(0, PDF.length - 7), 'application/pdf', 415, 'DOCUMENT_INVALID'],
      [Buffer.from('%PDF-9.9\n%%EOF\n'), 'application/pdf', 415, 'DOCUMENT_INVALID'],
      [PNG.subarray(0, 40), 'image/png', 415, 'DOCUMENT_INVALID'],
      [Buffer.alloc(0), 'application/pdf', 415, 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ];
    for (const [bytes, type, status, code] of cases) {
      const answer = await upload('an', bytes, type);
      assert.equal(answer.status, status, `${type} ${bytes.length}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.errors?.[0]?.extensions.code, code, `${type} ${bytes.length}`);
      assert.doesNotMatch(JSON.stringify(answer.body), /stack|at \/|\.ts:/);
    }
    assert.equal((await upload('an', Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]), 'application/pdf')).body.errors?.[0]?.extensions.maxBytes, MAX_BYTES);
    assert.equal((await upload(undefined, PDF, 'application/pdf')).status, 401);
    assert.equal((await upload('anLevel1', PDF, 'application/pdf')).status, 401, 'STEP_UP_REQUIRED');
    assert.equal(await db.dossierDocument.count(), before, 'nothing recorded');
  });

  test('answering a supplement request: bad document lists change nothing; the answer goes back to reception, restarts the due date and attaches the documents', async () => {
    const pdf = await uploaded('an', PDF, 'application/pdf; charset=binary');
    const png = await uploaded('an', pngWithText('Nguyễn Văn An 0901234567'), 'image/png');
    const binhs = await uploaded('binh', PDF, 'application/pdf');
    const stored = await db.dossierDocument.findUnique({ where: { id: png } });
    assert.ok(stored && stored.byteSize === PNG.length, 'the PNG is kept without its text chunk');
    const beforeAnswer = await hub.graphql(`{ dossier(code: "${WAITING}") { status dueAt } }`, { token: tokens['an']! });
    const { dueAt: oldDue } = beforeAnswer.body.data?.['dossier'] as { dueAt: string };

    for (const [ids, field] of [
      [[], 'documentIds'],
      [[pdf, pdf], 'documentIds'],
      [[pdf, binhs], 'documentIds'],
      [[pdf, '00000000-0000-4000-8000-000000000000'], 'documentIds'],
      [[pdf, '../../etc/passwd'], 'documentIds'],
      [[pdf, png, binhs, '00000000-0000-4000-8000-000000000001'], 'documentIds'],
    ] as const) {
      const { body } = await supply('an', WAITING, [...ids]);
      assert.equal(codeOf(body), 'BAD_USER_INPUT', JSON.stringify(ids));
      assert.equal(body.errors?.[0]?.extensions?.['field'], field);
    }
    assert.equal(codeOf((await supply('an', WAITING, [pdf], 'x'.repeat(2001))).body), 'BAD_USER_INPUT');
    assert.equal(codeOf((await supply('binh', WAITING, [binhs])).body), 'NOT_FOUND', "someone else's dossier looks missing");
    assert.equal(codeOf((await supply('an', PAYING, [pdf])).body), 'ILLEGAL_TRANSITION', 'no request to answer');
    assert.equal(await db.dossierDocument.count({ where: { dossierId: { not: null } } }), 0, 'nothing attached');

    const { body } = await supply('an', WAITING, [pdf, png], 'Đã bổ sung văn bản đồng ý của chủ hộ và hợp đồng thuê nhà.');
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const answered = body.data?.['supplyDossierSupplement'] as {
      status: string;
      dueAt: string;
      supplementRequest: string | null;
      documents: { id: string; contentType: string }[];
      timeline: { kind: string; fromStatus: string; toStatus: string; byOwner: boolean; note: string | null }[];
    };
    assert.equal(answered.status, 'RECEIVING', 'back where the request came from');
    assert.equal(answered.supplementRequest, null);
    assert.ok(new Date(answered.dueAt).getTime() > new Date(oldDue).getTime(), 'the due date counts again from the answer');
    assert.deepEqual(answered.documents.map((document) => document.contentType).sort(), ['application/pdf', 'image/png']);
    assert.deepEqual(answered.timeline.at(-1), {
      kind: 'SUPPLEMENT_SUPPLIED',
      fromStatus: 'WAITING_SUPPLEMENT',
      toStatus: 'RECEIVING',
      byOwner: true,
      note: 'Đã bổ sung văn bản đồng ý của chủ hộ và hợp đồng thuê nhà.',
    });
    assert.equal(codeOf((await supply('an', WAITING, [pdf])).body), 'ILLEGAL_TRANSITION', 'answered once');
    // The public sees the step, not the note.
    const tracking = await hub.graphql(`{ dossierLookup(code: "${WAITING}", verifier: "205873") { status steps { kind name } } }`);
    assert.equal((tracking.body.data?.['dossierLookup'] as { status: string }).status, 'RECEIVING');
    assert.doesNotMatch(JSON.stringify(tracking.body), /hợp đồng thuê nhà/);
  });
});
