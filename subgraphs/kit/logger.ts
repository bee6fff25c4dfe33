// pino JSON logs. Tokens, cookies and personal data never reach a log line: the request serializer
// keeps only method, url and request id, and redaction covers the usual header names.
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
    },
  });
}

// Query strings can carry a GraphQL operation with personal data in its arguments.
function stripQuery(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}
