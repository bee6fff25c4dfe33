// Intake's copy of the categories: they change rarely (their deadlines are configuration kept as data),
// so intake reads them from a copy at most 30 s old, and reloads at once for a code it does not know.
// One copy per subgraph, on its services (services.ts).
import type { PrismaClient } from '../prisma/generated/client.ts';

/** A category as intake needs it. */
export interface IntakeCategory {
  readonly code: string;
  readonly deadlineHours: number;
}

const CATEGORY_TTL_MS = 30_000;

/** The categories of one database, as intake reads them. */
export class CategoryCache {
  readonly #db: PrismaClient;
  #copy: { readonly loadedAt: number; readonly byCode: ReadonlyMap<string, IntakeCategory> } | undefined;

  constructor(db: PrismaClient) {
    this.#db = db;
  }

  /** The category with `code` (undefined when there is none), from a copy at most 30 s old at `now` (ms). */
  async find(code: string, now: number): Promise<IntakeCategory | undefined> {
    const copy = this.#copy;
    const known = copy && now - copy.loadedAt < CATEGORY_TTL_MS ? copy.byCode.get(code) : undefined;
    if (known) return known;
    const rows = await this.#db.category.findMany({ select: { code: true, deadlineHours: true } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    this.#copy = { loadedAt: now, byCode };
    return byCode.get(code);
  }

  /** Drop the copy: a category it holds was removed (the next intake reads them again). */
  forget(): void {
    this.#copy = undefined;
  }
}
