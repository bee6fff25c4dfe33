// Bounds on what a client sends, checked by every server of the hub (gateway, subgraphs, portals) before
// any work: bodies and query strings must be valid UTF-8, nested at most MAX_INPUT_DEPTH levels, and free
// of U+0000 (PostgreSQL refuses it; it would surface as a masked internal error after work was done).
// All walks are iterative, so no input can overflow the stack here or later (JSON.stringify, coercion).
import { GraphQLError, Kind } from 'graphql';
import type { ASTNode, ASTVisitor, ValidationContext } from 'graphql';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How deep a body, a form or a query string may nest (objects and arrays); GraphQL variables included. */
export const MAX_INPUT_DEPTH = 64;

/**
 * How deep a GraphQL document's text may nest ({ [ and ( together). graphql-js parses recursively and
 * overflows the stack near 2,000 levels; real operations (LIMIT_MAX_DEPTH is 15 by default) stay far below.
 */
export const MAX_DOCUMENT_NESTING = 128;

/** The path of GraphQL over HTTP on every server of the hub that serves it. */
const GRAPHQL_PATH = '/graphql';

/** Why a request's input is refused: the code, a message naming the field, and that field's path. */
export interface InputRefusal {
  readonly code: 'BAD_REQUEST' | 'BAD_USER_INPUT';
  readonly message: string;
  readonly field?: string;
}

const NOT_UTF8: InputRefusal = { code: 'BAD_REQUEST', message: 'The body is not valid UTF-8.' };
const BAD_FORM: InputRefusal = { code: 'BAD_REQUEST', message: 'The form body is not valid percent-encoded UTF-8.' };
const BAD_QUERY_STRING: InputRefusal = { code: 'BAD_REQUEST', message: 'The query string is not valid percent-encoded UTF-8.' };

// One decoder for all requests: decode() keeps no state between calls when not streaming.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode `bytes` as UTF-8, or undefined when they are not (overlong forms, surrogates, stray bytes). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** One container still to visit, with the way back to the root for naming a field. */
interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function pathOf(frame: Frame | undefined, leaf?: string | number): string {
  const keys: (string | number)[] = leaf === undefined ? [] : [leaf];
  for (let at = frame; at !== undefined && at.parent !== undefined; at = at.parent) keys.push(at.key);
  let path = '';
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index] as string | number;
    if (typeof key === 'number') path += `[${key}]`;
    else if (IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

function nulRefusal(field: string, where: string): InputRefusal {
  return { code: 'BAD_USER_INPUT', message: `${where} "${field}" contains a NUL character (U+0000), which is not allowed.`, field };
}

/**
 * The first bound a parsed value breaks, if any: nesting deeper than `maxDepth`, or U+0000 in a string
 * or a key. `prefix` names the value in messages ("variables" when walking a GraphQL request's variables
 * alone). Iterative and stops at the first problem, so a hostile value costs at most one bounded pass.
 */
export function findInputViolation(value: unknown, prefix = '', maxDepth = MAX_INPUT_DEPTH, where = 'The input'): InputRefusal | undefined {
  const join = (path: string) => (prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`);
  if (typeof value === 'string') return value.includes('\0') ? nulRefusal(join(''), where) : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.depth > maxDepth) {
      // Name the top-level member that is too deep: GraphQL variables are the client's input (BAD_USER_INPUT).
      const top = join(pathOf(rootChild(frame)));
      const variables = top === 'variables' || top.startsWith('variables.') || top.startsWith('variables[');
      return {
        code: variables ? 'BAD_USER_INPUT' : 'BAD_REQUEST',
        message: `${top === '' ? 'The input' : `"${top}"`} is nested deeper than ${maxDepth} levels.`,
        ...(top === '' ? {} : { field: top }),
      };
    }
    if (Array.isArray(frame.value)) {
      const items = frame.value as unknown[];
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (typeof item === 'string') {
          if (item.includes('\0')) return nulRefusal(join(pathOf(frame, index)), where);
        } else if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: frame.depth + 1, parent: frame, key: index });
      }
      continue;
    }
    const record = frame.value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key.includes('\0')) return nulRefusal(join(pathOf(frame, key)), where);
      const item = record[key];
      if (typeof item === 'string') {
        if (item.includes('\0')) return nulRefusal(join(pathOf(frame, key)), where);
      } else if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return undefined;
}

/** The frame just below the root on `frame`'s way up (the root itself when it is the root). */
function rootChild(frame: Frame): Frame | undefined {
  let at: Frame = frame;
  while (at.parent !== undefined && at.parent.parent !== undefined) at = at.parent;
  return at.parent === undefined ? undefined : at;
}

/** Percent-decode one form or query-string component strictly ("+" is a space); undefined when malformed. */
function decodeComponent(text: string): string | undefined {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

const MALFORMED = Symbol('malformed');

/** Parameters of a query string or form; repeated names become arrays. */
export type Parameters = Record<string, string | string[]>;

/**
 * Parse `application/x-www-form-urlencoded` text (query strings and form bodies) strictly: a malformed
 * escape or escaped bytes that are not UTF-8 mark the result as malformed instead of becoming U+FFFD.
 */
export function parseParameters(text: string): Parameters {
  const result: Parameters = Object.create(null) as Parameters;
  if (text.length === 0) return result;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = decodeComponent(equals === -1 ? '' : pair.slice(equals + 1));
    if (key === undefined || value === undefined) {
      Object.defineProperty(result, MALFORMED, { value: true });
      continue;
    }
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

function isMalformed(parameters: unknown): boolean {
  return typeof parameters === 'object' && parameters !== null && MALFORMED in parameters;
}

// Refusals found while parsing a body; the preValidation hook answers them (parsers cannot reply).
const parseRefusals = new WeakMap<FastifyRequest, InputRefusal>();

/**
 * Register the strict form parser (application/x-www-form-urlencoded) on `scope` only: forms are
 * accepted where a route expects one, never on /graphql (CSRF).
 */
export function registerFormParser(scope: FastifyInstance, bodyLimit?: number): void {
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', ...(bodyLimit === undefined ? {} : { bodyLimit }) }, (request, body, done) => {
    const text = decodeUtf8(body as Buffer);
    const form = text === undefined ? undefined : parseParameters(text);
    if (form === undefined || isMalformed(form)) parseRefusals.set(request, form === undefined ? NOT_UTF8 : BAD_FORM);
    done(null, form);
  });
}

/** Parse a query string for Fastify's router (strict: see parseParameters); never throws. */
export function parseQueryString(text: string): Parameters {
  return parseParameters(text);
}

/**
 * Install the bounds on a new Fastify instance: a JSON parser that decodes strictly and keeps Fastify's
 * own prototype-poisoning protection and body limit, and a hook that, before validation and any
 * handler, refuses a bad body or query string with 400 and a coded error naming the field.
 * Bodies kept as bytes (images, signed webhooks) are not walked: the route that reads them checks them.
 */
export function installInputBounds(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const withinNesting = createNestingMemo();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    // Fastify's own answer for an empty body (FST_ERR_CTP_EMPTY_JSON_BODY) stays as it was.
    const text = bytes.length === 0 ? '' : decodeUtf8(bytes);
    if (text === undefined) {
      parseRefusals.set(request, NOT_UTF8);
      done(null, undefined);
      return;
    }
    // Fastify's default JSON parser answers through `done`; it returns nothing to wait for.
    void parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request, reply) => {
    const refusal =
      parseRefusals.get(request) ??
      queryRefusal(request.query) ??
      bodyRefusal(request.body) ??
      (request.routeOptions.url === GRAPHQL_PATH ? graphqlRefusal(request.body, request.query, withinNesting) : undefined);
    if (refusal === undefined) return undefined;
    return reply.code(400).send({ errors: [{ message: refusal.message, extensions: { code: refusal.code, ...(refusal.field === undefined ? {} : { field: refusal.field }) } }] });
  });
}

function queryRefusal(query: unknown): InputRefusal | undefined {
  if (isMalformed(query)) return BAD_QUERY_STRING;
  return findInputViolation(query, '', MAX_INPUT_DEPTH, 'The query parameter');
}

function bodyRefusal(body: unknown): InputRefusal | undefined {
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return undefined;
  return findInputViolation(body, '', MAX_INPUT_DEPTH, 'The field');
}

/**
 * GraphQL over HTTP: the operation text must not nest deeper than MAX_DOCUMENT_NESTING (checked before
 * anything parses it), and over GET the JSON in "variables" and "extensions" has the body's bounds.
 */
function graphqlRefusal(body: unknown, query: unknown, withinNesting: (text: string) => boolean): InputRefusal | undefined {
  const post = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const get = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  const text = post?.['query'] ?? get['query'];
  if (typeof text === 'string' && !withinNesting(text)) {
    return { code: 'BAD_REQUEST', message: `The operation is nested deeper than ${MAX_DOCUMENT_NESTING} levels.`, field: 'query' };
  }
  if (post !== undefined) return undefined;
  for (const name of ['variables', 'extensions']) {
    const json = get[name];
    if (typeof json !== 'string' || json === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      continue; // the GraphQL route says what is wrong with it
    }
    const violation = findInputViolation(value, name, MAX_INPUT_DEPTH, 'The query parameter');
    if (violation) return violation;
  }
  return undefined;
}

/** Operation texts kept as known to be within the nesting bound: at most this many, each at most this long. */
const NESTING_MEMO_ENTRIES = 256;
const NESTING_MEMO_TEXT_LENGTH = 16 * 1024;

/**
 * Whether an operation text is within MAX_DOCUMENT_NESTING, each distinct text scanned once: clients send
 * the same few operations again and again, and looking a text up costs its hash, which V8 keeps on the
 * string for the operation cache's lookup after it. Refused texts are not kept (they are scanned again).
 */
function createNestingMemo(): (text: string) => boolean {
  const within = new Set<string>();
  return (text) => {
    if (within.has(text)) return true;
    if (documentNestingExceeds(text, MAX_DOCUMENT_NESTING)) return false;
    if (text.length > MAX_DOCUMENT_NESTING && text.length <= NESTING_MEMO_TEXT_LENGTH) {
      if (within.size >= NESTING_MEMO_ENTRIES) within.clear();
      within.add(text);
    }
    return true;
  };
}

/**
 * Whether GraphQL source text nests { [ ( deeper than `max`, outside strings and comments. One pass,
 * no recursion; texts too short to nest that deep are not scanned at all.
 */
export function documentNestingExceeds(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x7b || char === 0x5b || char === 0x28) {
      if (++depth > max) return true;
    } else if (char === 0x7d || char === 0x5d || char === 0x29) {
      if (depth > 0) depth--;
    } else if (char === 0x23) {
      // A comment runs to the end of the line.
      while (index < text.length && text.charCodeAt(index) !== 0x0a && text.charCodeAt(index) !== 0x0d) index++;
    } else if (char === 0x22) {
      if (text.startsWith('"""', index)) {
        const end = text.indexOf('"""', index + 3);
        // Inside a block string only \""" escapes the delimiter.
        let close = end;
        while (close !== -1 && text.charCodeAt(close - 1) === 0x5c) close = text.indexOf('"""', close + 3);
        if (close === -1) return false;
        index = close + 2;
      } else {
        index++;
        while (index < text.length && text.charCodeAt(index) !== 0x22 && text.charCodeAt(index) !== 0x0a) index += text.charCodeAt(index) === 0x5c ? 2 : 1;
      }
    }
  }
  return false;
}

/** A U+0000 found in a GraphQL string literal by noNulInStringLiterals. */
export class NulLiteralError extends GraphQLError {}

/**
 * GraphQL validation rule: a string literal (argument, input field, variable default) holding U+0000
 * (written "\u0000" in the query text) is a BAD_USER_INPUT error naming the argument.
 */
export function noNulInStringLiterals(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!node.value.includes('\0')) return;
      const field = literalPath([...ancestors, ...(parent === undefined ? [] : [parent])]);
      context.reportError(new NulLiteralError(`The argument "${field}" contains a NUL character (U+0000), which is not allowed.`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', field } }));
    },
  };
}

/** "input.content" for a literal under argument input, object field content; "$name" for a variable default. */
function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
    else if (node.kind === Kind.VARIABLE_DEFINITION) names.push(`$${node.variable.name.value}`);
  }
  return names.join('.');
}
