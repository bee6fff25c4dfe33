// Photos on feedback items: uploaded through the gateway, checked for size and type (magic bytes, not the
// header), stripped of EXIF/XMP/text metadata, stored on disk (or in an S3-compatible bucket), attached by
// a submission in its transaction, and served only to whoever may see them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import S3rver from 's3rver';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { ConfigError } from '../../platform/config.ts';
import { parseFeedbackConfig } from '../../subgraphs/feedback/config.ts';
import { checkPhoto, PhotoRejected } from '../../subgraphs/feedback/photos/image-check.ts';
import { payloadHash, S3PhotoStore, signS3Request } from '../../subgraphs/feedback/photos/s3-store.ts';
import { DiskBlobStore } from '../../subgraphs/kit/uploads/disk-store.ts';
import { newBlobKey } from '../../subgraphs/kit/uploads/store.ts';
import { sweepUnattachedPhotos } from '../../subgraphs/feedback/photos/sweeper.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import type { Hub } from '../../testing/hub.ts';
import { feedbackCastTokens, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

// Tiny real images (4×3, drawn and encoded by Chromium): JPEG without ICC, PNG, lossy WebP.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAaEAADAQADAAAAAAAAAAAAAAAAAgMRARIx/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAbEQEAAgIDAAAAAAAAAAAAAAABAgMAESExQf/aAAwDAQACEQMRAD8AmN7PerUq3Z295zAAFy211wqgV1gRDQHAB0B4Gf/Z',
  'base64',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAKklEQVR4AVzIMQ0AAAgDwaaW8IIExKEFNEE6sPDJLU9kjBRshHixvCH3FwAA//8zqKo6AAAABklEQVQDAIimC/+NjOIuAAAAAElFTkSuQmCC', 'base64');
const WEBP = Buffer.from('UklGRlYAAABXRUJQVlA4IEoAAACwAQCdASoEAAMAAUAmJbACdC0VQlQAAP718Kj8YUMQLf/26d/IlCH7GE0k6P/vbUkv/O4/X/7/XJm/TRNXP/+JC//4kL/wgQAAAA==', 'base64');

const GPS_TEXT = 'GPSLatitude 10.772500 GPSLongitude 106.698000 BodySerialNumber SN-4411';

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The JPEG with an EXIF APP1 (a TIFF header and GPS text), an XMP APP1, a comment, and bytes after EOI. */
function jpegWithMetadata(): Buffer {
  const exif = jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('MM\0*\0\0\0\x08', 'latin1'), Buffer.from(GPS_TEXT, 'latin1')]));
  const xmp = jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>10,46.35N</exif:GPSLatitude></x:xmpmeta>`, 'latin1'));
  const comment = jpegSegment(0xfe, Buffer.from('taken by Nguyễn Văn An 0901234567'));
  // SOI, APP0 (JFIF, 18 bytes incl. marker), then ours, then the rest.
  return Buffer.concat([JPEG.subarray(0, 20), exif, xmp, comment, JPEG.subarray(20), Buffer.from('<script>alert(1)</script>')]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** The PNG with tEXt and eXIf chunks after IHDR (signature 8 + IHDR chunk 25 bytes). */
function pngWithMetadata(): Buffer {
  return Buffer.concat([PNG.subarray(0, 33), pngChunk('tEXt', Buffer.from(`Comment\0${GPS_TEXT}`, 'latin1')), pngChunk('eXIf', Buffer.from(`MM\0*\0\0\0\x08${GPS_TEXT}`, 'latin1')), PNG.subarray(33)]);
}

/** The PNG claiming 9000×3 pixels (with a correct CRC, so only the size is wrong). */
function pngTooWide(): Buffer {
  const ihdr = Buffer.from(PNG.subarray(16, 29));
  ihdr.writeUInt32BE(9000, 0);
  return Buffer.concat([PNG.subarray(0, 8), pngChunk('IHDR', ihdr), PNG.subarray(33)]);
}

/** The WebP as an extended file (VP8X announcing EXIF) with an EXIF chunk after the image. */
function webpWithExif(): Buffer {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1');
  vp8x.writeUInt32LE(10, 4);
  vp8x[8] = 0x08;
  vp8x.writeUIntLE(4 - 1, 12, 3);
  vp8x.writeUIntLE(3 - 1, 15, 3);
  const exifData = Buffer.from(`MM\0*\0\0\0\x08${GPS_TEXT}`, 'latin1');
  const exif = Buffer.alloc(8 + exifData.length + (exifData.length & 1));
  exif.write('EXIF', 0, 'latin1');
  exif.writeUInt32LE(exifData.length, 4);
  exifData.copy(exif, 8);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, WEBP.subarray(12), exif]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="4" height="3"/></svg>');
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

function rejection(bytes: Buffer, type: string): string {
  try {
    checkPhoto(bytes, type);
  } catch (error) {
    if (error instanceof PhotoRejected) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('photo checks (no server)', () => {
  test('real JPEG, PNG and WebP pass with their dimensions; metadata and trailing bytes are removed', () => {
    for (const [bytes, type] of [
      [JPEG, 'image/jpeg'],
      [PNG, 'image/png'],
      [WEBP, 'image/webp'],
    ] as const) {
      const checked = checkPhoto(bytes, `${type}; charset=binary`);
      assert.deepEqual([checked.contentType, checked.width, checked.height], [type, 4, 3]);
    }
    const jpeg = checkPhoto(jpegWithMetadata(), 'image/jpeg').bytes;
    assert.deepEqual(jpeg, JPEG, 'the metadata, comment and trailing script are gone; nothing else changed');
    assert.deepEqual(checkPhoto(pngWithMetadata(), 'image/png').bytes, PNG);
    const webp = checkPhoto(webpWithExif(), 'image/webp');
    assert.equal(webp.bytes.includes('EXIF'), false);
    assert.equal(webp.bytes.includes('GPSLatitude'), false);
    assert.equal((webp.bytes[20] as number) & 0x08, 0, 'the VP8X EXIF flag is cleared');
    assert.equal(webp.bytes.readUInt32LE(4) + 8, webp.bytes.length, 'the RIFF size is rewritten');
    assert.deepEqual([webp.width, webp.height], [4, 3]);
  });

  test('wrong, mismatched, scriptable and broken files are refused with a code', () => {
    assert.equal(rejection(GIF, 'image/gif'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(SVG, 'image/svg+xml'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(SVG, 'image/png'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(HTML, 'image/jpeg'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(PNG, 'image/jpeg'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(JPEG, 'image/webp'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(JPEG, ''), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(Buffer.alloc(0), 'image/png'), 'PHOTO_TYPE_NOT_ALLOWED');
    assert.equal(rejection(JPEG.subarray(0, JPEG.length - 40), 'image/jpeg'), 'PHOTO_INVALID', 'truncated JPEG');
    assert.equal(rejection(JPEG.subarray(0, 200), 'image/jpeg'), 'PHOTO_INVALID', 'JPEG cut before its scan');
    assert.equal(rejection(PNG.subarray(0, PNG.length - 12), 'image/png'), 'PHOTO_INVALID', 'PNG without IEND');
    const badCrc = Buffer.from(PNG);
    badCrc[45] = (badCrc[45] as number) ^ 0xff;
    assert.equal(rejection(badCrc, 'image/png'), 'PHOTO_INVALID', 'PNG with a damaged chunk');
    assert.equal(rejection(pngTooWide(), 'image/png'), 'PHOTO_INVALID', '9000 pixels wide');
    assert.equal(rejection(WEBP.subarray(0, WEBP.length - 10), 'image/webp'), 'PHOTO_INVALID', 'truncated WebP');
  });
});

describe('photo stores (no hub)', () => {
  test('the disk store writes atomically under its folder and reads back; keys are ours only', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-photo-store-'));
    try {
      const store = new DiskBlobStore(folder);
      const key = newBlobKey();
      await store.put(key, PNG, 'image/png');
      assert.deepEqual(await readFile(store.pathOf(key)), PNG);
      assert.deepEqual(await store.get(key), PNG);
      assert.deepEqual(
        (await readdir(path.dirname(store.pathOf(key)))).filter((name) => name.endsWith('.tmp')),
        [],
        'no temporary file left',
      );
      await store.delete(key);
      assert.equal(await store.get(key), undefined);
      await assert.rejects(store.put('../../etc/passwd', PNG, 'image/png'), /not a blob storage key/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  // AWS's published SigV4 examples for S3 ("Signature Calculations for the Authorization Header",
  // examplebucket, 2013-05-24): the signing is checked against them, since s3rver does not verify v4.
  test('SigV4 signing matches the AWS S3 documentation examples', () => {
    const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };
    const at = new Date('2013-05-24T00:00:00Z');
    const host = 'examplebucket.s3.amazonaws.com';
    const empty = payloadHash('');
    const signature = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers['authorization'] ?? '')?.[1];
    const put = signS3Request(
      {
        method: 'PUT',
        host,
        path: '/test$file.text',
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash: payloadHash('Welcome to Amazon S3.'),
      },
      credentials,
      at,
    );
    assert.equal(put['x-amz-content-sha256'], '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    assert.match(
      put['authorization'] ?? '',
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20130524\/us-east-1\/s3\/aws4_request, SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, /,
    );
    assert.equal(signature(put), '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
    assert.equal(signature(signS3Request({ method: 'GET', host, path: '/?lifecycle', payloadHash: empty }, credentials, at)), 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    assert.equal(
      signature(signS3Request({ method: 'GET', host, path: '/?max-keys=2&prefix=J', payloadHash: empty }, credentials, at)),
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
  });

  test('the S3 store puts, gets and deletes against an S3-compatible server (s3rver)', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: folder, configureBuckets: [{ name: 'feedback-photos', configs: [] }] });
    const { port } = (await server.run()) as { port: number };
    const store = new S3PhotoStore({ endpoint: `http://127.0.0.1:${port}`, bucket: 'feedback-photos', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    try {
      const key = newBlobKey();
      await store.put(key, JPEG, 'image/jpeg');
      assert.deepEqual(await store.get(key), JPEG);
      assert.equal(await store.get(newBlobKey()), undefined, 'a missing key is undefined');
      await store.delete(key);
      assert.equal(await store.get(key), undefined);
      await store.delete(key); // deleting twice is fine
      const wrongKeys = new S3PhotoStore({ endpoint: `http://127.0.0.1:${port}`, bucket: 'feedback-photos', region: 'us-east-1', accessKeyId: 'NOT-A-KEY', secretAccessKey: 'x' });
      await assert.rejects(wrongKeys.put(newBlobKey(), JPEG, 'image/jpeg'), /S3 PUT answered 403/);
      await wrongKeys.close();
    } finally {
      await store.close();
      await server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('S3 settings are all or none, with a message naming the missing keys', () => {
    assert.equal(parseFeedbackConfig({}).photoS3, undefined);
    assert.equal(parseFeedbackConfig({}).photoMaxBytes, 5 * 1024 * 1024);
    const all = {
      FEEDBACK_PHOTO_S3_ENDPOINT: 'https://s3.example.vn/',
      FEEDBACK_PHOTO_S3_BUCKET: 'pakn-photos',
      FEEDBACK_PHOTO_S3_REGION: 'hcm-1',
      FEEDBACK_PHOTO_S3_ACCESS_KEY_ID: 'id',
      FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY: 'secret',
    };
    assert.equal(parseFeedbackConfig(all).photoS3?.endpoint, 'https://s3.example.vn');
    const { FEEDBACK_PHOTO_S3_REGION: _region, FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY: _secret, ...some } = all;
    assert.throws(
      () => parseFeedbackConfig({ ...some, FEEDBACK_PHOTO_MAX_BYTES: 'lots' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 3 &&
        /FEEDBACK_PHOTO_S3_REGION: must be set too/.test(error.message) &&
        /FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY/.test(error.message) &&
        /FEEDBACK_PHOTO_MAX_BYTES/.test(error.message),
    );
  });
});

const [, , cuong] = DEMO_ACCOUNTS;
const MAX_BYTES = 65_536;
const PER_ITEM = 3;

interface Uploaded {
  id: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  url: string;
}

describe('photos through the gateway', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let photoDir: string;
  const tokens: Record<string, string> = {};

  async function upload(who: string | undefined, bytes: Buffer, type: string) {
    const response = await fetch(`${hub.gatewayUrl}/api/feedback/photos`, {
      method: 'POST',
      headers: { 'content-type': type, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as Uploaded & { errors?: { extensions: { code: string } }[] } };
  }
  async function uploaded(who: string, bytes: Buffer, type: string): Promise<Uploaded> {
    const { status, body } = await upload(who, bytes, type);
    assert.equal(status, 201, JSON.stringify(body));
    return body;
  }
  async function download(who: string | undefined, url: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${hub.gatewayUrl}${url}`, { headers: { ...headers, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }
  async function submit(who: string, input: Record<string, unknown>) {
    return hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code photos { id kind contentType byteSize width height url } } }', {
      token: tokens[who]!,
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán nước bày bàn ghế kín vỉa hè đường Lê Lợi.', lat: 10.7725, lng: 106.698, ...input } },
    });
  }
  async function myItemCount(who: string): Promise<number> {
    const { body } = await hub.graphql('{ me { feedback(first: 100) { code } } }', { token: tokens[who]! });
    return (body.data?.['me'] as { feedback: unknown[] }).feedback.length;
  }

  before(async () => {
    photoDir = await mkdtemp(path.join(tmpdir(), 'lien-thong-photos-test-'));
    keyed = await startHubWithRealmKeys({ subgraphEnv: { FEEDBACK_PHOTO_DIR: photoDir, FEEDBACK_PHOTO_MAX_BYTES: String(MAX_BYTES), FEEDBACK_PHOTOS_PER_ITEM: String(PER_ITEM) } });
    hub = keyed.hub;
    Object.assign(tokens, await feedbackCastTokens(keyed));
    tokens['readOnly'] = await keyed.token({ sub: cuong!.sub, scope: 'openid feedback:read' });
  });
  after(async () => {
    await keyed?.close();
    await rm(photoDir, { recursive: true, force: true });
  });

  test('a JPEG with EXIF GPS is stored without it, on disk, and served to its owner with safe headers', async () => {
    const sent = jpegWithMetadata();
    const photo = await uploaded('an', sent, 'image/jpeg');
    assert.equal(photo.contentType, 'image/jpeg');
    assert.ok(photo.byteSize < sent.length);
    assert.equal(photo.url, `/api/feedback/photos/${photo.id}`);
    const onDisk = await readFile(path.join(photoDir, photo.id.slice(0, 2), photo.id));
    for (const marker of ['Exif', 'GPSLatitude', 'xmpmeta', '0901234567', '<script>']) assert.equal(onDisk.includes(marker), false, `${marker} is gone`);
    assert.deepEqual([checkPhoto(onDisk, 'image/jpeg').width, checkPhoto(onDisk, 'image/jpeg').height], [4, 3], 'still a whole JPEG');
    assert.equal(createHash('sha256').update(onDisk).digest('hex'), photo.sha256);

    const mine = await download('an', photo.url);
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.bytes, onDisk);
    assert.equal(mine.headers.get('content-type'), 'image/jpeg');
    assert.equal(mine.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(mine.headers.get('content-disposition'), `inline; filename="${photo.id}.jpg"`);
    assert.match(mine.headers.get('cache-control') ?? '', /^private/);
    const etag = mine.headers.get('etag') ?? '';
    assert.equal((await download('an', photo.url, { 'if-none-match': etag })).status, 304);
    // Not attached yet: nobody else sees it, and it looks missing.
    assert.equal((await download('cuong', photo.url)).status, 404);
    assert.equal((await download(undefined, photo.url)).status, 404);
    assert.equal((await download('leader', `/api/feedback/photos/${newBlobKey()}`)).status, 404);
    assert.equal((await download('an', '/api/feedback/photos/..%2F..%2Fetc%2Fpasswd')).status, 404);
  });

  test('PNG and WebP uploads are accepted and cleaned too', async () => {
    const png = await uploaded('an', pngWithMetadata(), 'image/png');
    assert.equal(png.byteSize, PNG.length);
    assert.equal((await download('an', png.url)).bytes.includes('GPSLatitude'), false);
    const webp = await uploaded('an', webpWithExif(), 'image/webp');
    assert.equal(webp.contentType, 'image/webp');
    assert.equal((await download('an', webp.url)).bytes.includes('GPSLatitude'), false);
  });

  test('too large → 413 PHOTO_TOO_LARGE; wrong or mismatched type → 415 PHOTO_TYPE_NOT_ALLOWED; broken → 415 PHOTO_INVALID', async () => {
    const big = Buffer.concat([JPEG.subarray(0, JPEG.length - 2), Buffer.alloc(MAX_BYTES), Buffer.from([0xff, 0xd9])]);
    const tooLarge = await upload('an', big, 'image/jpeg');
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.errors?.[0]?.extensions.code, 'PHOTO_TOO_LARGE');
    for (const [bytes, type] of [
      [SVG, 'image/svg+xml'],
      [SVG, 'image/png'],
      [GIF, 'image/gif'],
      [HTML, 'image/jpeg'],
      [PNG, 'image/jpeg'],
      [JPEG, 'application/octet-stream'],
      [JPEG, 'text/plain'],
    ] as const) {
      const { status, body } = await upload('an', bytes, type);
      assert.deepEqual([status, body.errors?.[0]?.extensions.code], [415, 'PHOTO_TYPE_NOT_ALLOWED'], `${type} ${bytes.subarray(0, 8).toString('latin1')}`);
    }
    for (const bytes of [JPEG.subarray(0, JPEG.length - 40), JPEG.subarray(0, 200)]) {
      const { status, body } = await upload('an', bytes, 'image/jpeg');
      assert.deepEqual([status, body.errors?.[0]?.extensions.code], [415, 'PHOTO_INVALID']);
    }
    const { status, body } = await upload('an', pngTooWide(), 'image/png');
    assert.deepEqual([status, body.errors?.[0]?.extensions.code], [415, 'PHOTO_INVALID']);
  });

  test('no token → 401; a token without feedback:write → 403', async () => {
    const anonymous = await upload(undefined, JPEG, 'image/jpeg');
    assert.deepEqual([anonymous.status, anonymous.body.errors?.[0]?.extensions.code], [401, 'UNAUTHENTICATED']);
    const readOnly = await upload('readOnly', JPEG, 'image/jpeg');
    assert.deepEqual([readOnly.status, readOnly.body.errors?.[0]?.extensions.code], [403, 'FORBIDDEN']);
  });

  test('a submission attaches its photos: on the item, in the public view, and public to anyone', async () => {
    const first = await uploaded('an', JPEG, 'image/jpeg');
    const second = await uploaded('an', PNG, 'image/png');
    const { body } = await submit('an', { photoIds: [first.id, second.id] });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const item = body.data?.['submitFeedback'] as { code: string; photos: { id: string; kind: string; url: string; width: number }[] };
    assert.deepEqual(
      item.photos.map((photo) => [photo.id, photo.kind, photo.width]),
      [
        [first.id, 'REPORT', 4],
        [second.id, 'REPORT', 4],
      ],
    );

    const forOfficer = await hub.graphql('query($code: String!) { feedbackItem(code: $code) { photos { id } } }', { token: tokens['officer']!, variables: { code: item.code } });
    assert.equal((forOfficer.body.data?.['feedbackItem'] as { photos: unknown[] }).photos.length, 2);
    const publicView = await hub.graphql('query($code: String!) { publicFeedbackItem(code: $code) { photos { id kind contentType url } } }', { variables: { code: item.code } });
    assert.deepEqual(
      (publicView.body.data?.['publicFeedbackItem'] as { photos: { id: string }[] }).photos.map((photo) => photo.id),
      [first.id, second.id],
    );

    const anyone = await download(undefined, first.url);
    assert.equal(anyone.status, 200);
    assert.match(anyone.headers.get('cache-control') ?? '', /^public/);
    assert.equal((await download('cuong', second.url)).status, 200, "a public item's photo is public");
    assert.equal((await download('officer', second.url)).status, 200);

    // Attached once only.
    const again = await submit('an', { photoIds: [first.id] });
    assert.equal(again.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal(again.body.errors?.[0]?.extensions?.['field'], 'photoIds');
  });

  test("a non-public item's photos: the reporter and the unit's officer, nobody else", async () => {
    const photo = await uploaded('an', WEBP, 'image/webp');
    const { body } = await submit('an', { photoIds: [photo.id], isPublic: false });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.equal((await download('an', photo.url)).status, 200);
    assert.equal((await download('officer', photo.url)).status, 200);
    assert.equal((await download('leader', photo.url)).status, 200);
    assert.equal((await download('otherOfficer', photo.url)).status, 404);
    assert.equal((await download('cuong', photo.url)).status, 404);
    assert.equal((await download(undefined, photo.url)).status, 404);
  });

  test('a foreign, unknown or surplus photo id refuses the whole submission: nothing written, own photos stay free', async () => {
    const own = await uploaded('an', JPEG, 'image/jpeg');
    const foreign = await uploaded('cuong', JPEG, 'image/jpeg');
    const before = await myItemCount('an');
    for (const photoIds of [
      [own.id, foreign.id],
      [own.id, newBlobKey()],
      [own.id, 'not-a-uuid'],
      [own.id, own.id],
    ]) {
      const { body } = await submit('an', { photoIds });
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', JSON.stringify(photoIds));
      assert.equal(body.errors?.[0]?.extensions?.['field'], 'photoIds');
    }
    const surplus = await Promise.all(Array.from({ length: PER_ITEM }, () => uploaded('an', PNG, 'image/png')));
    const tooMany = await submit('an', { photoIds: [own.id, ...surplus.map((photo) => photo.id)] });
    assert.equal(tooMany.body.errors?.[0]?.extensions?.['field'], 'photoIds');
    assert.equal(await myItemCount('an'), before, 'no item was created');
    assert.equal((await download('cuong', own.url)).status, 404, 'still unattached, still private');

    // With an idempotency key too: the key is not burnt by the failed attempt.
    const key = `photos-${newBlobKey()}`;
    assert.equal((await submit('an', { photoIds: [own.id, foreign.id], idempotencyKey: key })).body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    const ok = await submit('an', { photoIds: [own.id], idempotencyKey: key });
    assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body.errors));
    assert.deepEqual(
      (ok.body.data?.['submitFeedback'] as { photos: { id: string }[] }).photos.map((photo) => photo.id),
      [own.id],
    );
    const replay = await submit('an', { photoIds: [own.id], idempotencyKey: key });
    assert.equal((replay.body.data?.['submitFeedback'] as { code: string }).code, (ok.body.data?.['submitFeedback'] as { code: string }).code, 'a retry returns the same item');
  });

  test("an operator records a caller's item with the photos the operator uploaded", async () => {
    const photo = await uploaded('operator', PNG, 'image/png');
    const { body } = await hub.graphql('mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { code photos { id kind } } }', {
      token: tokens['operator']!,
      variables: {
        input: {
          channel: 'PHONE',
          categoryCode: 'TRAT_TU_DO_THI',
          title: 'Lấn chiếm lòng đường',
          content: 'Người gọi báo xe máy đậu kín lòng đường.',
          lat: 10.7725,
          lng: 106.698,
          photoIds: [photo.id],
        },
      },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.deepEqual((body.data?.['recordFeedback'] as { photos: unknown[] }).photos, [{ id: photo.id, kind: 'REPORT' }]);
  });

  test('the officer resolves with result photos; the public sees them once published', async () => {
    const { body } = await submit('an', {});
    const code = (body.data?.['submitFeedback'] as { code: string }).code;
    const transition = (who: string, action: string, input?: Record<string, unknown>) =>
      hub.graphql('mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status photos { id kind } } }', {
        token: tokens[who]!,
        variables: { code, action, input },
      });
    assert.equal((await transition('officer', 'START')).body.errors, undefined);
    const result = await uploaded('officer', JPEG, 'image/jpeg');
    const notMine = await uploaded('an', JPEG, 'image/jpeg');
    const refused = await transition('officer', 'RESOLVE', { resultText: 'Đã dọn dẹp vỉa hè.', photoIds: [notMine.id] });
    assert.equal(refused.body.errors?.[0]?.extensions?.['field'], 'photoIds');
    const resolved = await transition('officer', 'RESOLVE', { resultText: 'Đã dọn dẹp vỉa hè.', photoIds: [result.id] });
    assert.equal(resolved.body.errors, undefined, JSON.stringify(resolved.body.errors));
    assert.deepEqual((resolved.body.data?.['transitionFeedback'] as { photos: { id: string; kind: string }[] }).photos, [{ id: result.id, kind: 'RESULT' }]);
    const publicPhotos = async () =>
      ((await hub.graphql('query($code: String!) { publicFeedbackItem(code: $code) { photos { id } } }', { variables: { code } })).body.data?.['publicFeedbackItem'] as { photos: unknown[] }).photos;
    assert.deepEqual(await publicPhotos(), [], 'not before the answer is published');
    assert.equal((await download(undefined, result.url)).status, 404);
    assert.equal((await download('an', result.url)).status, 200, 'the reporter sees the result');
    assert.equal((await transition('leader', 'PUBLISH')).body.errors, undefined);
    assert.deepEqual(await publicPhotos(), [{ id: result.id }]);
    assert.equal((await download(undefined, result.url)).status, 200);
  });
  test('uploads never attached are swept after the retention: row and bytes; attached photos stay', async () => {
    const kept = await uploaded('an', JPEG, 'image/jpeg');
    const abandoned = await uploaded('an', PNG, 'image/png');
    const { body } = await submit('an', { photoIds: [kept.id] });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const db = hub.subgraphs['feedback']!.db as PrismaClient;
    const store = new DiskBlobStore(photoDir);
    const row = await db.feedbackPhoto.findUniqueOrThrow({ where: { id: abandoned.id } });
    await readFile(store.pathOf(row.storageKey));
    // Nothing is old enough yet under the real retention; a cutoff past the uploads sweeps the abandoned one.
    assert.equal(await sweepUnattachedPhotos(db, store, new Date(Date.now() - 86_400_000)), 0);
    assert.ok((await sweepUnattachedPhotos(db, store, new Date(Date.now() + 60_000))) >= 1);
    assert.equal(await db.feedbackPhoto.findUnique({ where: { id: abandoned.id } }), null);
    await assert.rejects(readFile(store.pathOf(row.storageKey)), { code: 'ENOENT' });
    assert.equal((await download('an', abandoned.url)).status, 404);
    assert.equal((await download('an', kept.url)).status, 200, 'the attached photo stays');
    const late = await submit('an', { photoIds: [abandoned.id] });
    assert.equal(late.body.errors?.[0]?.extensions?.['field'], 'photoIds', 'a swept photo is unknown');
  });
});
