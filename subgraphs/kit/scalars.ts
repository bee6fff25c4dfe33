// Scalars shared by every subgraph's SDL (each declares `scalar DateTime`; composition merges them).
import { GraphQLScalarType, Kind } from 'graphql';
import { codedError } from '../../schema/errors.ts';

/** ISO 8601 date-time with offset; serialized in UTC. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time, e.g. 2026-11-23T09:30:00.000Z.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value).toISOString();
    throw new TypeError('DateTime cannot represent this value');
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw codedError('BAD_USER_INPUT', 'DateTime must be an ISO 8601 string.');
    return parseDateTime(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw codedError('BAD_USER_INPUT', 'DateTime must be an ISO 8601 string with an offset.');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw codedError('BAD_USER_INPUT', 'DateTime is not a real date.');
  return date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID: an ID that is not names no row, and must not reach PostgreSQL's uuid cast. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
