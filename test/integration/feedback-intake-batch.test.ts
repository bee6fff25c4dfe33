// Group commit in intake (subgraphs/feedback/intake/intake-batch.ts): submissions arriving together are
// written by shared statements, yet each is stored exactly once with its own history, contact and event;
// duplicates of one key make one item, even inside one batch; a submission the database refuses fails
// alone. And intake never waits for the outbox relay (their advisory locks once shared a key). On
// embedded PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createIntakeServices, receiveFeedback } from '../../subgraphs/feedback/intake/receive-feedback.ts';
import type { IntakeServices } from '../../subgraphs/feedback/intake/receive-feedback.ts';
import type { FeedbackSubmission } from '../../subgraphs/feedback/intake/submission.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { feedbackDatabaseTargets, openFeedbackDatabase } from '../../testing/feedback-db.ts';
import type { FeedbackDatabase } from '../../testing/feedback-db.ts';
import { FEEDBACK_STATS_LOCK_KEY, MIGRATION_LOCK_KEY, OUTBOX_RELAY_LOCK_KEY } from '../../subgraphs/kit/lock-keys.ts';

const targets = feedbackDatabaseTargets();

/** A citizen's web submission in Quận 1, numbered so each differs. */
function submission(n: number, extra: Partial<FeedbackSubmission> = {}): FeedbackSubmission {
  return {
    citizenId: `batch-citizen-${n % 7}`,
    channel: 'WEB',
    categoryCode: 'GIAO_THONG',
    title: `Đèn tín hiệu hỏng số ${n}`,
    content: `Đèn giao thông ở giao lộ số ${n} không hoạt động từ sáng.`,
    lat: 10.77 + (n % 13) * 0.001,
    lng: 106.69 + (n % 11) * 0.001,
    isAnonymous: false,
    isPublic: true,
    ...extra,
  };
}

for (const [kind, adminUrl] of targets) {
  describe(`intake in shared statements on ${kind}`, () => {
    let feedback: FeedbackDatabase;
    let prisma: PrismaClient;
    // Intake's services, as the subgraph builds them once (one category copy, one group-commit queue).
    let services: IntakeServices;
    const sql = <Row>(text: string, params: unknown[] = []) => feedback.sql<Row>(text, params);

    before(async () => {
      feedback = await openFeedbackDatabase(adminUrl, 'intake_batch', 4);
      prisma = feedback.prisma;
      services = createIntakeServices(prisma, { photosPerItem: 5 });
    });
    after(() => feedback?.close());

    test('submissions sent together are each stored once, with their own history, contact and event', async () => {
      const run = randomUUID().slice(0, 8);
      const keyed = Array.from({ length: 40 }, (_, n) => submission(n, { idempotency: { scope: `citizen:batch-citizen-${n % 7}`, key: `${run}-${n}` } }));
      const unkeyed = Array.from({ length: 5 }, (_, n) => submission(100 + n));
      const withContact = submission(200, { citizenId: null, channel: 'PHONE', recordedBy: 'operator-1', reporter: { name: 'Nguyễn Văn A', phone: '0903 123 456' } });
      // Three copies of one double click, and the same key with another text.
      const doubled = submission(300, { idempotency: { scope: 'citizen:batch-citizen-1', key: `${run}-double` } });
      const reused = submission(301, { idempotency: { scope: 'citizen:batch-citizen-1', key: `${run}-double` } });
      const all = [...keyed, ...unkeyed, withContact, doubled, doubled, doubled, reused];
      const outcomes = await Promise.allSettled(all.map((each) => receiveFeedback(services, each)));

      const intakes = outcomes.slice(0, 46).map((outcome) => {
        assert.equal(outcome.status, 'fulfilled', outcome.status === 'rejected' ? String(outcome.reason) : '');
        return outcome.value;
      });
      assert.equal(new Set(intakes.map((intake) => intake.item.id)).size, 46, 'a distinct item for each');
      intakes.forEach((intake, index) => {
        assert.equal(intake.replayed, false);
        assert.equal(intake.item.title, all[index]!.title, 'each answer is its own submission');
        assert.equal(intake.item.status, 'ROUTED');
      });
      const doubles = outcomes.slice(46, 49).map((outcome) => {
        assert.equal(outcome.status, 'fulfilled', outcome.status === 'rejected' ? String(outcome.reason) : '');
        return outcome.value;
      });
      assert.equal(new Set(doubles.map((intake) => intake.item.id)).size, 1, 'one item for the double click');
      assert.equal(doubles.filter((intake) => !intake.replayed).length, 1, 'written once, replayed to the others');
      const reuse = outcomes[49]!;
      assert.equal(reuse.status, 'rejected');
      assert.equal((reuse.reason as { extensions?: { code?: string } }).extensions?.code, 'IDEMPOTENCY_KEY_REUSED');

      const ids = [...intakes.map((intake) => intake.item.id), doubles[0]!.item.id];
      const [counts] = await sql<{ items: number; history: number; events: number; keys: number; contacts: number }>(
        `SELECT (SELECT count(*)::int FROM "feedback_item" WHERE "id" = ANY($1::uuid[])) AS "items",
                (SELECT count(*)::int FROM "feedback_history" WHERE "item_id" = ANY($1::uuid[])) AS "history",
                (SELECT count(*)::int FROM "outbox" WHERE "payload"->>'code' IN (SELECT "code" FROM "feedback_item" WHERE "id" = ANY($1::uuid[]))) AS "events",
                (SELECT count(*)::int FROM "feedback_idempotency" WHERE "key" LIKE $2) AS "keys",
                (SELECT count(*)::int FROM "feedback_reporter" WHERE "item_id" = ANY($1::uuid[])) AS "contacts"`,
        [`{${ids.join(',')}}`, `${run}-%`],
      );
      assert.deepEqual(counts, { items: 47, history: 94, events: 47, keys: 41, contacts: 1 });
      const [contact] = await sql<{ phone: string; name: string }>('SELECT "phone", "name" FROM "feedback_reporter" WHERE "item_id" = $1::uuid', [intakes[45]!.item.id]);
      assert.deepEqual(contact, { phone: '0903123456', name: 'Nguyễn Văn A' });
      const history = await sql<{ action: string; actor_id: string | null }>('SELECT "action", "actor_id" FROM "feedback_history" WHERE "item_id" = $1::uuid ORDER BY "id"', [intakes[45]!.item.id]);
      assert.deepEqual(history, [
        { action: 'RECORDED', actor_id: 'operator-1' },
        { action: 'ROUTED_BY_RULE', actor_id: null },
      ]);
    });

    test('a submission the database refuses fails alone; the others sent with it are stored', async () => {
      // A category intake still knows from its 30-second copy, removed meanwhile.
      await prisma.category.create({ data: { code: 'TAM_THOI', name: 'Tạm thời', deadlineHours: 8 } });
      await receiveFeedback(services, submission(400, { categoryCode: 'NO_SUCH_CATEGORY' })).catch(() => {}); // reloads the copy
      await prisma.category.delete({ where: { code: 'TAM_THOI' } });
      const run = randomUUID().slice(0, 8);
      const batch = Array.from({ length: 12 }, (_, n) =>
        submission(500 + n, { categoryCode: n === 5 ? 'TAM_THOI' : 'GIAO_THONG', idempotency: { scope: 'citizen:batch-citizen-2', key: `${run}-${n}` } }),
      );
      const outcomes = await Promise.allSettled(batch.map((each) => receiveFeedback(services, each)));
      outcomes.forEach((outcome, n) => {
        if (n === 5) {
          assert.equal(outcome.status, 'rejected');
          const reason = outcome.reason as { extensions?: { code?: string; field?: string } };
          assert.equal(reason.extensions?.code, 'BAD_USER_INPUT');
          assert.equal(reason.extensions?.field, 'categoryCode');
        } else assert.equal(outcome.status, 'fulfilled', outcome.status === 'rejected' ? String(outcome.reason) : '');
      });
      const [counts] = await sql<{ items: number; keys: number }>(
        `SELECT (SELECT count(*)::int FROM "feedback_item" WHERE "title" LIKE 'Đèn tín hiệu hỏng số 5__') AS "items",
                (SELECT count(*)::int FROM "feedback_idempotency" WHERE "key" LIKE $1) AS "keys"`,
        [`${run}-%`],
      );
      assert.deepEqual(counts, { items: 11, keys: 11 }, 'nothing of the refused one, not even its key');
    });

    test('the advisory lock keys are distinct and the migrations use the statistics key', async () => {
      assert.equal(new Set([MIGRATION_LOCK_KEY, FEEDBACK_STATS_LOCK_KEY, OUTBOX_RELAY_LOCK_KEY]).size, 3);
      const [row] = await sql<{ key: string }>('SELECT feedback_stats_lock_key()::text AS "key"');
      assert.equal(Number(row!.key), FEEDBACK_STATS_LOCK_KEY);
    });

    // PGlite is one connection: a second session holding a lock cannot be made there.
    test('intake goes on while the outbox relay holds its lock', { skip: kind === 'PGlite' && 'needs a second connection' }, async () => {
      await feedback.database.withConnection(async (relay) => {
        await relay.exec('BEGIN');
        try {
          await relay.query('SELECT pg_advisory_xact_lock($1)', [OUTBOX_RELAY_LOCK_KEY]);
          let timer: NodeJS.Timeout | undefined;
          const stuck = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('intake waited for the relay')), 10_000);
          });
          try {
            const intake = await Promise.race([receiveFeedback(services, submission(600)), stuck]);
            assert.equal(intake.item.status, 'ROUTED');
          } finally {
            clearTimeout(timer);
          }
        } finally {
          await relay.exec('ROLLBACK');
        }
      });
    });
  });
}
