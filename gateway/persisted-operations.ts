// Persisted operations: a manifest of known operations (Apollo's persisted query manifest format),
// requests by id instead of full text, and a safelist mode that refuses anything not in it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Who must stay inside the safelist: nobody, partner clients (client-credentials tokens), or everyone. */
export type SafelistMode = 'off' | 'partners' | 'all';

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().min(1), name: z.string().optional(), type: z.enum(['query', 'mutation', 'subscription']).optional(), body: z.string().min(1) })),
});

/** Known operations by id and by body hash. */
export interface PersistedOperations {
  /** The body for an id, if registered. */
  bodyFor(id: string): string | undefined;
  /** Whether this exact body is registered. */
  contains(body: string): boolean;
  readonly size: number;
  /** Every registered body (the registry's breaking-change check looks for them). */
  readonly bodies: readonly string[];
}

/** sha256 of a query text, hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An empty registry. */
export const NO_PERSISTED_OPERATIONS: PersistedOperations = { bodyFor: () => undefined, contains: () => false, size: 0, bodies: [] };

/** Load a manifest file; throws with a clear message when it is malformed. */
export async function loadPersistedOperations(file: string): Promise<PersistedOperations> {
  let parsed: z.infer<typeof manifestSchema>;
  try {
    parsed = manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS_FILE ${file} is not a valid persisted query manifest: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const byId = new Map<string, string>();
  const hashes = new Set<string>();
  for (const operation of parsed.operations) {
    byId.set(operation.id, operation.body);
    // Ids are often the body's sha256 (Apollo's generator); accept that form too.
    byId.set(sha256Hex(operation.body), operation.body);
    hashes.add(sha256Hex(operation.body));
  }
  return { bodyFor: (id) => byId.get(id), contains: (body) => hashes.has(sha256Hex(body)), size: parsed.operations.length, bodies: parsed.operations.map((operation) => operation.body) };
}
