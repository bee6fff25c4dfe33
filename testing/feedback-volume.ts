// How many generated (non-demo) feedback items a database holds: scripts/seed-feedback.ts uses it to
// resume or replace a volume, bench/feedback-scale.ts to decide whether to seed again.
import { DEMO_FEEDBACK } from '../subgraphs/feedback/prisma/seed-data.ts';

const DEMO_CODES: readonly string[] = DEMO_FEEDBACK.map((item) => item.code);

/** Items that are not demo items. */
export async function countGeneratedItems(query: <Row>(sql: string, params?: unknown[]) => Promise<Row[]>): Promise<number> {
  const [row] = await query<{ count: number }>('SELECT count(*)::int AS "count" FROM "feedback_item" WHERE NOT ("code" = ANY($1::text[]))', [DEMO_CODES]);
  return row?.count ?? 0;
}
