// The feedback subgraph's database on its own, migrated and seeded, for tests of its data layer: on
// embedded PGlite, or in a new PostgreSQL database when an admin URL is given (dropped on close).
import { fileURLToPath } from 'node:url';
import { PrismaClient } from '../subgraphs/feedback/prisma/generated/client.ts';
import { seedFeedback } from '../subgraphs/feedback/prisma/seed.ts';
import type { FeedbackDimension } from '../subgraphs/feedback/statistics/statistics.ts';
import { openDatabase } from '../subgraphs/kit/db.ts';
import type { Database } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';
import { createTestDatabase } from './hub.ts';

const MIGRATIONS = fileURLToPath(new URL('../subgraphs/feedback/prisma/migrations/', import.meta.url));

/** Where the data-layer tests run: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function feedbackDatabaseTargets(): [kind: string, adminUrl: string | undefined][] {
  const targets: [string, string | undefined][] = [['PGlite', undefined]];
  if (process.env['TEST_DATABASE_URL']) targets.push(['PostgreSQL', process.env['TEST_DATABASE_URL']]);
  return targets;
}

/** An open feedback database and its Prisma client. */
export interface FeedbackDatabase {
  readonly database: Database;
  readonly prisma: PrismaClient;
  /** Run one statement on a connection of its own (on PostgreSQL; PGlite has one). */
  sql<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** Open a migrated and seeded feedback database (`label` names the PostgreSQL one). */
export async function openFeedbackDatabase(adminUrl: string | undefined, label: string, poolMax = 2): Promise<FeedbackDatabase> {
  const created = adminUrl ? await createTestDatabase(adminUrl, label) : undefined;
  const database = await openDatabase({ url: created?.url, dataDir: 'memory://', poolMax });
  await migrate(database, MIGRATIONS);
  const prisma = new PrismaClient({ adapter: database.adapter });
  await seedFeedback(prisma);
  return {
    database,
    prisma,
    sql: (text, params = []) => database.withConnection((connection) => connection.query(text, params)),
    async close() {
      await prisma.$disconnect();
      await database.close();
      await created?.drop();
    },
  };
}

/**
 * Each dimension's key computed from the items themselves, written apart from the statistics' own SQL:
 * what the tests count the items by, to check the rollups against.
 */
export const RAW_DIMENSION_KEYS: Readonly<Record<FeedbackDimension, string>> = {
  STATUS: '"status"::text',
  CATEGORY: '"category_code"',
  UNIT: `coalesce("unit_code", '')`,
  WARD: '"ward_code"',
  MONTH: `to_char("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
  WEEK: `to_char("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'IYYY-"W"IW')`,
  DAY: `to_char("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`,
};
