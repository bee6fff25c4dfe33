// pino JSON logs. Tokens, cookies and personal data never reach a log line: the request serializer
// keeps only method, url and request id, redaction covers the usual header names, and errors are logged
// without the extra fields where databases put row contents.
import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** Create the process logger for `service`. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', '*.token', '*.password'], censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: stripQuery(req.url), requestId: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: errorForLog,
      error: errorForLog,
    },
  });
}

/**
 * An error as logged: type, message, code and stack (and the same of its cause), nothing else. Database
 * errors carry more in their own fields (PostgreSQL's `detail` holds the failing row, with whatever text
 * a citizen sent; Prisma's `meta` repeats it): none of that is logged.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === 'object' && error !== null ? { type: 'non-error object' } : error;
  const { code } = error as { code?: unknown };
  return {
    type: error.constructor.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack,
    ...(error.cause !== undefined && depth < 3 ? { cause: errorForLog(error.cause, depth + 1) } : {}),
  };
}

// Query strings can carry a GraphQL operation with personal data in its arguments.
function stripQuery(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

/**
 * A request's logger, made only when something is logged for it (Fastify's `childLoggerFactory`). Most
 * requests log nothing; a pino child for each (its bindings serialized to JSON at creation) was about 1 %
 * of the gateway's CPU under load. Lines logged through it are the child's own, bindings and all; a line
 * at a level that is off makes nothing. Besides the log methods it has what pino's own callers use
 * (level, isLevelEnabled, bindings, child, flush).
 */
class DeferredChildLogger {
  readonly #parent: Logger;
  readonly #bindings: pino.Bindings;
  readonly #options: pino.ChildLoggerOptions;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #made(): Logger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#options));
  }

  /** The logger for a line at `level`: the child (made now), or none when that level is off, so nothing is made for it. */
  #at(level: pino.Level): Logger | undefined {
    return this.isLevelEnabled(level) ? this.#made() : undefined;
  }

  get level(): string {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: string) {
    this.#made().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return this.#child === undefined && this.#options.level === undefined ? this.#parent.isLevelEnabled(level) : this.#made().isLevelEnabled(level);
  }

  bindings(): pino.Bindings {
    return this.#made().bindings();
  }

  flush(done?: (error?: Error) => void): void {
    this.#parent.flush(done);
  }

  fatal(...args: unknown[]): void {
    this.#at('fatal')?.fatal(...(args as [unknown]));
  }
  error(...args: unknown[]): void {
    this.#at('error')?.error(...(args as [unknown]));
  }
  warn(...args: unknown[]): void {
    this.#at('warn')?.warn(...(args as [unknown]));
  }
  info(...args: unknown[]): void {
    this.#at('info')?.info(...(args as [unknown]));
  }
  debug(...args: unknown[]): void {
    this.#at('debug')?.debug(...(args as [unknown]));
  }
  trace(...args: unknown[]): void {
    this.#at('trace')?.trace(...(args as [unknown]));
  }
  silent(): void {}

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): Logger {
    return this.#made().child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory` for a request: a logger that makes its pino child on first use. */
export function deferredChildLogger(parent: Logger, bindings: pino.Bindings, options: pino.ChildLoggerOptions): Logger {
  return new DeferredChildLogger(parent, bindings, options) as unknown as Logger;
}
