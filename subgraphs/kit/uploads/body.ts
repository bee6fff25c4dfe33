// Upload routes take their body as raw bytes up to a limit, whatever the Content-Type (the type is
// decided from the bytes, sniff.ts), and answer a body over the limit or a malformed request with the
// pipeline's own error codes, never a stack.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_CODES } from '../../../schema/errors.ts';
import type { ErrorCode } from '../../../schema/errors.ts';
import { isDatabaseUnavailable } from '../db-errors.ts';

/** Answer `code` with the coded JSON error body every route uses. */
export function failUpload(reply: FastifyReply, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(ERROR_CODES[code].status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { ...extensions, code } }] });
}

/** The codes of one pipeline's refusals. */
export interface UploadErrorCodes {
  /** The body is over the limit. */
  readonly tooLarge: ErrorCode;
  /** The type is not accepted or not what the bytes are. */
  readonly typeNotAllowed: ErrorCode;
  /** What the messages call the upload ("A photo", "A document"). */
  readonly noun: string;
  /** The accepted types, for the messages. */
  readonly types: readonly string[];
}

/**
 * In `scope`: every body as bytes up to `maxBytes`, and an error handler that answers a larger body with
 * `codes.tooLarge` (extensions.maxBytes), other client errors with BAD_REQUEST, leaves a database outage
 * to the kit (503) and logs anything else as INTERNAL_SERVER_ERROR.
 */
export function acceptUploadBodies(scope: FastifyInstance, maxBytes: number, codes: UploadErrorCodes): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return failUpload(reply, codes.tooLarge, `${codes.noun} is at most ${maxBytes} bytes.`, { maxBytes });
    if (error.statusCode === 415) return failUpload(reply, codes.typeNotAllowed, `${codes.noun} must be sent as ${codes.types.join(', ')}.`);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return failUpload(reply, 'BAD_REQUEST', 'The request is malformed.');
    if (isDatabaseUnavailable(error)) throw error; // the kit's /api handler answers 503
    request.log.error({ err: error }, 'upload route failed');
    return failUpload(reply, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  });
}
