// What an uploaded PDF must be before it is kept: a PDF header with a version (%PDF-1.0 … %PDF-2.0,
// ISO 32000) and an end-of-file marker (%%EOF) in its last kilobyte, so a truncated upload or another file
// renamed .pdf is refused. The content is not parsed or rendered here: documents go to agencies, never to
// the public, and are served with nosniff and as attachments.
import { UploadRejected } from './sniff.ts';

const HEADER = /^%PDF-(1\.[0-7]|2\.0)/;

/** Throw UploadRejected ('invalid') unless `bytes` look like a whole PDF. */
export function checkPdf(bytes: Buffer): void {
  if (!HEADER.test(bytes.toString('latin1', 0, 8))) throw new UploadRejected('invalid', 'The PDF has no valid version header.');
  if (!bytes.toString('latin1', Math.max(0, bytes.length - 1024)).includes('%%EOF')) throw new UploadRejected('invalid', 'The PDF is truncated (no end-of-file marker).');
}
