// What an uploaded image must be before it is kept: structurally whole (JPEG SOI…EOI with a frame and a
// scan; PNG chunks with good CRCs from IHDR to IEND; WebP RIFF sizes that add up), of sane dimensions,
// and without metadata: EXIF and XMP hold the GPS position, the time and the phone's serial number —
// personal data (Law 91/2025) that must never be served on. No decoding, no native code: only the
// container is parsed and rewritten; the pixels pass through untouched. Which type the bytes are is
// decided first, by sniff.ts. Used by feedback's photos and dossier documents.
// Known loss: the EXIF orientation goes with the rest, so a phone photo taken upright may show rotated
// (apps should rotate before uploading).
import { crc32 } from 'node:zlib';
import { UploadRejected } from './sniff.ts';
import type { ImageType } from './sniff.ts';

/** Largest width or height accepted, in pixels. */
export const MAX_IMAGE_DIMENSION = 8000;

/** An image fit to keep: its dimensions, and bytes with the metadata removed. */
export interface CleanImage {
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
}

/** Check the bytes of an image already sniffed as `type` and return them without metadata; throws UploadRejected ('invalid'). */
export function cleanImage(bytes: Buffer, type: ImageType): CleanImage {
  const checked = type === 'image/jpeg' ? cleanJpeg(bytes) : type === 'image/png' ? cleanPng(bytes) : cleanWebp(bytes);
  if (checked.width < 1 || checked.height < 1 || checked.width > MAX_IMAGE_DIMENSION || checked.height > MAX_IMAGE_DIMENSION) {
    throw new UploadRejected('invalid', `The image is ${checked.width}×${checked.height}; width and height must be 1 to ${MAX_IMAGE_DIMENSION} pixels.`);
  }
  return checked;
}

type Cleaned = CleanImage;

function broken(what: string): UploadRejected {
  return new UploadRejected('invalid', `The image is damaged or truncated (${what}).`);
}

// --- JPEG (ITU T.81 §B): SOI, marker segments, scans of entropy-coded data, EOI.

// Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Keep APP0 only as JFIF/JFXX, APP2 only as an ICC profile (colours), APP14 only as Adobe's (it says
 * how to read the colour channels); drop every other APPn (EXIF, XMP, maker notes, IPTC…) and comments.
 */
function keepJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === 0xfe) return false; // COM
  if (marker < 0xe0 || marker > 0xef) return true;
  const id = (text: string) => payload.length >= text.length && payload.toString('latin1', 0, text.length) === text;
  if (marker === 0xe0) return id('JFIF\0') || id('JFXX\0');
  if (marker === 0xe2) return id('ICC_PROFILE\0');
  if (marker === 0xee) return id('Adobe');
  return false;
}

function cleanJpeg(bytes: Buffer): Cleaned {
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  let width = 0;
  let height = 0;
  let scans = 0;
  for (;;) {
    if (at >= bytes.length || bytes[at] !== 0xff) throw broken('a marker was expected');
    while (at < bytes.length && bytes[at] === 0xff) at += 1; // fill bytes
    if (at >= bytes.length) throw broken('no end-of-image marker');
    const marker = bytes[at] as number;
    at += 1;
    if (marker === 0xd9) {
      if (scans === 0 || width === 0) throw broken('no frame or no scan');
      out.push(Buffer.from([0xff, 0xd9])); // anything after EOI is dropped
      break;
    }
    if (marker === 0xd8 || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) throw broken(`unexpected marker ${marker.toString(16)}`);
    if (at + 2 > bytes.length) throw broken('segment length cut off');
    const length = bytes.readUInt16BE(at);
    if (length < 2 || at + length > bytes.length) throw broken('segment runs past the end');
    const payload = bytes.subarray(at + 2, at + length);
    if (SOF_MARKERS.has(marker)) {
      if (payload.length < 6) throw broken('short frame header');
      height = payload.readUInt16BE(1);
      width = payload.readUInt16BE(3);
    }
    if (keepJpegSegment(marker, payload)) out.push(bytes.subarray(at - 2, at + length));
    at += length;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 00 or a restart marker.
      scans += 1;
      const start = at;
      while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0x00 && !((bytes[at + 1] as number) >= 0xd0 && (bytes[at + 1] as number) <= 0xd7))) at += 1;
      if (at + 1 >= bytes.length) throw broken('scan data runs past the end');
      out.push(bytes.subarray(start, at));
    }
  }
  return { width, height, bytes: Buffer.concat(out) };
}

// --- PNG (ISO/IEC 15948): signature, then length/type/data/CRC chunks from IHDR to IEND.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that change how the pixels look; every other ancillary chunk (tEXt, zTXt, iTXt, eXIf, tIME…) goes. */
const KEPT_PNG_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);
// Allowed bit depths per colour type.
const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function cleanPng(bytes: Buffer): Cleaned {
  const out: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  let width = 0;
  let height = 0;
  let dataChunks = 0;
  for (let index = 0; ; index += 1) {
    if (at + 12 > bytes.length) throw broken('no IEND chunk');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw broken('bad chunk type');
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw broken(`chunk ${type} runs past the end`);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) throw broken(`chunk ${type} fails its CRC`);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) throw broken('IHDR must come first');
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8] as number;
      const colourType = data[9] as number;
      if (!PNG_DEPTHS[colourType]?.includes(depth) || data[10] !== 0 || data[11] !== 0 || (data[12] as number) > 1) throw broken('bad IHDR');
    } else if (type === 'IHDR') {
      throw broken('second IHDR');
    }
    // An unknown critical chunk (upper-case first letter) means we cannot vouch for the file.
    if (type.charCodeAt(0) < 0x61 && !KEPT_PNG_CHUNKS.has(type)) throw broken(`unknown critical chunk ${type}`);
    if (type === 'IDAT') dataChunks += 1;
    if (KEPT_PNG_CHUNKS.has(type)) out.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break; // anything after IEND is dropped
  }
  if (dataChunks === 0) throw broken('no image data');
  return { width, height, bytes: Buffer.concat(out) };
}

// --- WebP (RFC 9649): RIFF container, "WEBP", then chunks (VP8 , VP8L, or VP8X with extras).

/** VP8X flag bits (RFC 9649 §2.7): the ones that announce metadata chunks. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function cleanWebp(bytes: Buffer): Cleaned {
  const riffSize = bytes.readUInt32LE(4);
  if (riffSize + 8 !== bytes.length) throw broken('RIFF size does not match the file');
  const kept: Buffer[] = [];
  let width = 0;
  let height = 0;
  let hasImage = false;
  let extended: Buffer | undefined;
  let at = 12;
  while (at < riffSize + 8) {
    if (at + 8 > bytes.length) throw broken('chunk header cut off');
    const fourcc = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size & 1);
    if (at + 8 + size > bytes.length) throw broken(`chunk ${fourcc} runs past the end`);
    const data = bytes.subarray(at + 8, at + 8 + size);
    const chunk = Buffer.from(bytes.subarray(at, Math.min(end, bytes.length)));
    switch (fourcc) {
      case 'VP8X':
        if (at !== 12 || size < 10) throw broken('misplaced VP8X');
        width = data.readUIntLE(4, 3) + 1;
        height = data.readUIntLE(7, 3) + 1;
        extended = chunk;
        kept.push(chunk);
        break;
      case 'VP8 ': {
        // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height (RFC 6386 §9.1).
        if (size < 10 || data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) throw broken('bad VP8 frame header');
        if (!extended) {
          width = data.readUInt16LE(6) & 0x3fff;
          height = data.readUInt16LE(8) & 0x3fff;
        }
        hasImage = true;
        kept.push(chunk);
        break;
      }
      case 'VP8L': {
        // Signature 0x2F, then 14-bit width-1 and height-1 (RFC 9649 §3.2.1).
        if (size < 5 || data[0] !== 0x2f) throw broken('bad VP8L header');
        if (!extended) {
          const bits = data.readUInt32LE(1);
          width = (bits & 0x3fff) + 1;
          height = ((bits >>> 14) & 0x3fff) + 1;
        }
        hasImage = true;
        kept.push(chunk);
        break;
      }
      case 'ANMF':
        hasImage = true;
        kept.push(chunk);
        break;
      case 'ALPH':
      case 'ICCP':
      case 'ANIM':
        kept.push(chunk);
        break;
      default:
        break; // EXIF, XMP and anything unknown: dropped
    }
    at = end;
  }
  if (!hasImage || width === 0) throw broken('no image data');
  if (extended) extended[8] = (extended[8] as number) & ~(VP8X_EXIF | VP8X_XMP);
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return { width, height, bytes: Buffer.concat([header, body]) };
}
