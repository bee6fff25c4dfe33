// What an uploaded feedback photo must be: a JPEG, PNG or WebP whose bytes are what its declared type
// says, structurally whole, of sane dimensions, and without metadata — the kit's upload checks
// (../../kit/uploads/) with the photo pipeline's own error codes.
import { cleanImage } from '../../kit/uploads/image-check.ts';
import { checkUploadType, checkWithCodes } from '../../kit/uploads/sniff.ts';

/** Why a photo was refused (`code`: PHOTO_TYPE_NOT_ALLOWED or PHOTO_INVALID). */
export { UploadRefused as PhotoRejected } from '../../kit/uploads/sniff.ts';

/** The accepted types. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** A photo fit to keep: its type, dimensions, and bytes with the metadata removed. */
export interface CheckedPhoto {
  readonly contentType: PhotoType;
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
}

/**
 * Check `bytes` declared as `declared` (a Content-Type header value) and return them without metadata;
 * throws PhotoRejected.
 */
export function checkPhoto(bytes: Buffer, declared: string | undefined): CheckedPhoto {
  return checkWithCodes({ type: 'PHOTO_TYPE_NOT_ALLOWED', invalid: 'PHOTO_INVALID' }, () => {
    const contentType = checkUploadType(bytes, declared, PHOTO_TYPES);
    return { contentType, ...cleanImage(bytes, contentType) };
  });
}
