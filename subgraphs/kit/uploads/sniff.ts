// Which type an upload really is: decided from its magic bytes, never from its name or its header
// alone, and it must be the type its Content-Type declares (a PNG sent as image/jpeg, or an HTML page
// sent as application/pdf, is refused). Each pipeline says which types it accepts (feedback's photos:
// JPEG, PNG, WebP; dossier documents: PDF, JPEG, PNG) and maps the refusal to its own error codes.
import type { ErrorCode } from '../../../schema/errors.ts';

/** The types any pipeline may accept. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];
/** The image types (cleaned by image-check.ts). */
export type ImageType = Extract<UploadType, `image/${string}`>;

/** Why an upload was refused: its type is not accepted or does not match its bytes ('type'), or the bytes are broken ('invalid'). */
export class UploadRejected extends Error {
  override readonly name = 'UploadRejected';
  readonly reason: 'type' | 'invalid';
  constructor(reason: UploadRejected['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** An upload refused with its pipeline's own error code (PHOTO_…, DOCUMENT_…). */
export class UploadRefused extends Error {
  override readonly name = 'UploadRefused';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Run a pipeline's checks, refusing with its own codes: `codes.type` for a type not accepted or not matching, `codes.invalid` for broken bytes. */
export function checkWithCodes<T>(codes: Readonly<Record<UploadRejected['reason'], ErrorCode>>, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UploadRejected) throw new UploadRefused(codes[error.reason], error.message);
    throw error;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type of a Content-Type header value if it is one of `accepted` ("image/JPEG; x=y" → image/jpeg). */
export function declaredType<T extends UploadType>(header: string | undefined, accepted: readonly T[]): T | undefined {
  const essence = header?.split(';')[0]?.trim().toLowerCase();
  return accepted.find((type) => type === essence);
}

/** The type the bytes' magic number says, if it is one we know. */
export function sniffType(bytes: Buffer): UploadType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  // ISO 32000: the file begins with %PDF- and the version.
  if (bytes.length >= 8 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/**
 * The type of `bytes` declared as `header`, when it is one of `accepted` and the bytes are of that type;
 * throws UploadRejected ('type') otherwise.
 */
export function checkUploadType<T extends UploadType>(bytes: Buffer, header: string | undefined, accepted: readonly T[]): T {
  const type = declaredType(header, accepted);
  if (type === undefined) throw new UploadRejected('type', `Send the file as ${accepted.join(', ')}.`);
  const sniffed = sniffType(bytes);
  if (sniffed !== type) throw new UploadRejected('type', sniffed ? `The file is ${sniffed}, not ${type} as declared.` : `The file is not ${type}: its content is of another kind.`);
  return type;
}
