// The pool's PostgreSQL client (Prisma's adapter and the kit's plain SQL share the pool): pg's own client,
// answering a query without a callback through pg's callback form inside a promise of ours. pg's promise
// form keeps each result alive across young-generation collections, so every collection copied and then
// promoted the rows of about a hundred queries: on Node 22 with --trace-gc-nvp, 8,000 lookup-shaped
// queries (a dossier row with its steps as JSON) promoted 1.3–1.4 MB and paused 5.6 ms per collection
// through pg's promise, 8 KB and 0.4 ms through its callback — and those pauses were the tail of
// dossierLookup. Same rows, same errors; the error's stack is taken where it is awaited, as pg does.
import pg from 'pg';

type Callback = (error: Error | null, result: pg.QueryResult) => void;
/** pg's own query, every overload: (text or config, values?, callback?), or a Submittable such as COPY. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with .apply/.call on a client
const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;

export class PgClient extends pg.Client {
  // pg's overloads, one implementation: a field, so that it keeps the base's overloaded type.
  override query = ((...args: unknown[]): unknown => {
    const [config, values, callback] = args;
    const given = typeof config === 'object' && config !== null ? (config as { submit?: unknown; callback?: unknown }) : undefined;
    const submittable = typeof given?.submit === 'function' || typeof given?.callback === 'function';
    if (submittable || typeof values === 'function' || typeof callback === 'function') return query.apply(this, args);
    // A copy: pg stores the callback on the config object it is given, and a caller may reuse its object.
    const own = given ? { ...given } : config;
    return new Promise<pg.QueryResult>((resolve, reject) => {
      const answer: Callback = (error, result) => (error ? reject(error) : resolve(result));
      query.call(this, own, values, answer);
    }).catch((error: unknown) => {
      if (error instanceof Error) Error.captureStackTrace(error);
      throw error;
    });
  }) as pg.Client['query'];
}
