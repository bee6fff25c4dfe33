// What reaches a log line: an error's type, message, code and stack — never the fields where databases
// put the failing row (PostgreSQL's detail, Prisma's meta), which can hold a citizen's text or phone.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { errorForLog } from '../../../platform/logger.ts';

test('a database error is logged without the row it failed on', () => {
  const cause = Object.assign(new Error('new row for relation "feedback_item" violates check constraint'), { code: '23514', detail: 'Failing row contains (0903123456, Trần Thị Mai, …)' });
  const error = Object.assign(new Error('Raw query failed. Code: `23514`.', { cause }), {
    code: 'P2010',
    meta: { driverAdapterError: { cause: { detail: 'Failing row contains (0903123456, Trần Thị Mai, …)' } } },
  });
  const lines: string[] = [];
  const logger = pino(
    { serializers: { err: errorForLog } },
    new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  logger.error({ err: error }, 'resolver failed');
  const line = lines.join('');
  assert.match(line, /Raw query failed/);
  assert.match(line, /"code":"P2010"/);
  assert.match(line, /violates check constraint/, 'the cause is kept, without its detail');
  for (const personal of ['0903123456', 'Trần Thị Mai', 'Failing row']) assert.ok(!line.includes(personal), `leaked ${personal}`);
});

test('non-errors are not dumped either', () => {
  assert.deepEqual(errorForLog({ phone: '0903123456' }), { type: 'non-error object' });
  assert.equal(errorForLog('plain text'), 'plain text');
});
