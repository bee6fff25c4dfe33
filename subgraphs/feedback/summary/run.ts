// Run the weekly summary by hand, for operators: `node subgraphs/feedback/summary/run.ts 2026-W47`
// (default: the current week). Same configuration as the subgraph (FEEDBACK_DATABASE_URL, DATA_DIR,
// FEEDBACK_SUMMARY_SCHEDULE). It writes the summaries into the outbox; the running feedback subgraph's
// relay publishes them. Leaders already summarised that week are skipped, so it is safe to repeat.
// With embedded PGlite, stop the subgraph first: a PGlite data folder has one process at a time.
import { openDatabase } from '../../kit/db.ts';
import { loadFeedbackConfig } from '../config.ts';
import { PrismaClient } from '../prisma/generated/client.ts';
import { DEFAULT_SUMMARY_SCHEDULE, isoWeekOf, parseWeeklySchedule } from './schedule.ts';
import { runWeeklySummary } from './weekly-summary.ts';

const config = loadFeedbackConfig();
const week = process.argv[2] ?? isoWeekOf(new Date());
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const db = new PrismaClient({ adapter: database.adapter });
try {
  const summaries = await runWeeklySummary(db, week, config.summarySchedule ?? parseWeeklySchedule(DEFAULT_SUMMARY_SCHEDULE));
  for (const summary of summaries) process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await db.$disconnect();
  await database.close();
}
