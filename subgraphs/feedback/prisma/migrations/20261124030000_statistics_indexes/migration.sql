-- Statistics over millions of items (issue #5, Scale). EXPLAIN ANALYZE on 2,000,000 items (PostgreSQL 15,
-- shared 2-core machine): a year by category from the items is 1.36 s even as an index-only scan (1M
-- index entries, then JIT and a hash aggregate); the unit ranking, which needs each item's first
-- resolution from the history, 26 s (1M index probes). Indexes cannot make a year fast: every item of
-- the period is still visited. The same year from the rollup below: 37 ms. So:
--
-- 1. A daily rollup, "feedback_stats_daily": per local day (Asia/Ho_Chi_Minh) and dimension (S status,
--    C category, U unit, W ward), the number of items received that day, and for units the figures of
--    the ranking (resolved, on time, handling seconds, stars). It holds exactly the days before the
--    watermark "feedback_stats_watermark.rolled_until"; later days (today) are read from the items.
--    Triggers keep the rolled-up days exact in the same transaction as any change to an item, its
--    history or its rating. Intake writes today's items, past the watermark, so it never touches the
--    rollup (no hot rows). The watermark moves forward a day at a time (feedback_stats_roll_forward),
--    under an exclusive advisory lock; the triggers take the same lock shared, so no change is lost
--    between reading the watermark and committing.
-- 2. A covering index on received_at with lat and lng: the heat map (any box, any cell size cannot be
--    rolled up exactly) and the partial days at a period's edges are index-only range scans.

-- CreateIndex: periods (edges of the rollup) and the heat map, index-only.
CREATE INDEX "feedback_item_received_at_idx" ON "feedback_item"("received_at") INCLUDE ("lat", "lng");

-- CreateIndex: an item's first resolution (the ranking's handling time), without the other steps.
CREATE INDEX "feedback_history_resolved_idx" ON "feedback_history"("item_id", "at") WHERE "to_status" = 'RESOLVED';

-- CreateTable: the rollup. "key" is the status, category, unit ('' for none) or ward.
CREATE TABLE "feedback_stats_daily" (
    "day" DATE NOT NULL,
    "dimension" CHAR(1) NOT NULL,
    "key" TEXT NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "on_time" INTEGER NOT NULL DEFAULT 0,
    "handling_seconds" NUMERIC NOT NULL DEFAULT 0,
    "stars" INTEGER NOT NULL DEFAULT 0,
    "ratings" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "feedback_stats_daily_pkey" PRIMARY KEY ("dimension", "day", "key"),
    CONSTRAINT "feedback_stats_daily_dimension_check" CHECK ("dimension" IN ('S', 'C', 'U', 'W'))
);

-- CreateTable: one row; the rollup holds exactly the local days before "rolled_until".
CREATE TABLE "feedback_stats_watermark" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "rolled_until" DATE NOT NULL,

    CONSTRAINT "feedback_stats_watermark_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_stats_watermark_one_row" CHECK ("id")
);
INSERT INTO "feedback_stats_watermark" ("id", "rolled_until") VALUES (true, DATE '1970-01-01');

-- The advisory lock between the triggers (shared) and the roll-forward (exclusive).
CREATE FUNCTION feedback_stats_lock_key() RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$ SELECT 72707370::bigint $$;

-- The local day of an instant: statistics days and months are Việt Nam's.
CREATE FUNCTION feedback_local_day(at TIMESTAMPTZ) RETURNS DATE LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;

-- Add (sign 1) or remove (sign -1) one item's contribution to its day's rows.
CREATE FUNCTION feedback_stats_apply(p_item "feedback_item", p_resolved_at TIMESTAMPTZ, p_stars INTEGER, p_sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_day DATE := feedback_local_day(p_item."received_at");
BEGIN
  INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items") VALUES
      (v_day, 'S', p_item."status"::text, p_sign), (v_day, 'C', p_item."category_code", p_sign), (v_day, 'W', p_item."ward_code", p_sign)
    ON CONFLICT ("dimension", "day", "key") DO UPDATE SET "items" = s."items" + EXCLUDED."items";
  INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings") VALUES (
      v_day, 'U', coalesce(p_item."unit_code", ''), p_sign,
      CASE WHEN p_resolved_at IS NOT NULL THEN p_sign ELSE 0 END,
      CASE WHEN p_resolved_at <= p_item."due_at" THEN p_sign ELSE 0 END,
      coalesce(p_sign * extract(epoch FROM (p_resolved_at - p_item."received_at")), 0),
      coalesce(p_sign * p_stars, 0),
      CASE WHEN p_stars IS NOT NULL THEN p_sign ELSE 0 END)
    ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
      "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
      "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings";
END $$;

-- The watermark, read under the shared lock (held to the end of the transaction).
CREATE FUNCTION feedback_stats_watermark_shared() RETURNS DATE LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(feedback_stats_lock_key());
  RETURN (SELECT "rolled_until" FROM "feedback_stats_watermark");
END $$;

CREATE FUNCTION feedback_first_resolution(p_item_id UUID) RETURNS TIMESTAMPTZ LANGUAGE sql STABLE AS $$
  SELECT min("at") FROM "feedback_history" WHERE "item_id" = $1 AND "to_status" = 'RESOLVED'
$$;

CREATE FUNCTION feedback_item_stars(p_item_id UUID) RETURNS INTEGER LANGUAGE sql STABLE AS $$
  SELECT "stars" FROM "feedback_rating" WHERE "item_id" = $1
$$;

-- An item was added, changed or is about to be deleted (BEFORE DELETE, while its history and rating,
-- which the cascade removes, can still be read).
CREATE FUNCTION feedback_stats_item_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_until DATE := feedback_stats_watermark_shared();
  v_item_id UUID := CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END;
  v_old_in BOOLEAN := TG_OP <> 'INSERT' AND feedback_local_day(OLD."received_at") < v_until;
  v_new_in BOOLEAN := TG_OP <> 'DELETE' AND feedback_local_day(NEW."received_at") < v_until;
  v_resolved_at TIMESTAMPTZ;
  v_stars INTEGER;
BEGIN
  IF v_old_in OR v_new_in THEN
    v_resolved_at := feedback_first_resolution(v_item_id);
    v_stars := feedback_item_stars(v_item_id);
    IF v_old_in THEN PERFORM feedback_stats_apply(OLD, v_resolved_at, v_stars, -1); END IF;
    IF v_new_in THEN PERFORM feedback_stats_apply(NEW, v_resolved_at, v_stars, 1); END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- A step to or from RESOLVED may change an item's first resolution.
CREATE FUNCTION feedback_stats_history_change(p_item_id UUID, p_row_id BIGINT, p_before_at TIMESTAMPTZ, p_after_at TIMESTAMPTZ) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_item "feedback_item";
  v_others TIMESTAMPTZ;
  v_stars INTEGER;
BEGIN
  SELECT * INTO v_item FROM "feedback_item" WHERE "id" = p_item_id;
  -- A missing item is being deleted: its BEFORE DELETE trigger has already removed it.
  IF NOT FOUND OR feedback_local_day(v_item."received_at") >= feedback_stats_watermark_shared() THEN RETURN; END IF;
  SELECT min(h."at") INTO v_others FROM "feedback_history" h WHERE h."item_id" = p_item_id AND h."to_status" = 'RESOLVED' AND h."id" <> p_row_id;
  IF least(v_others, p_before_at) IS NOT DISTINCT FROM least(v_others, p_after_at) THEN RETURN; END IF;
  v_stars := feedback_item_stars(p_item_id);
  PERFORM feedback_stats_apply(v_item, least(v_others, p_before_at), v_stars, -1);
  PERFORM feedback_stats_apply(v_item, least(v_others, p_after_at), v_stars, 1);
END $$;

CREATE FUNCTION feedback_stats_history_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM feedback_stats_history_change(NEW."item_id", NEW."id", NULL, NEW."at");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM feedback_stats_history_change(OLD."item_id", OLD."id", OLD."at", NULL);
  ELSIF OLD."item_id" = NEW."item_id" THEN
    PERFORM feedback_stats_history_change(NEW."item_id", NEW."id",
      CASE WHEN OLD."to_status" = 'RESOLVED' THEN OLD."at" END, CASE WHEN NEW."to_status" = 'RESOLVED' THEN NEW."at" END);
  ELSE
    IF OLD."to_status" = 'RESOLVED' THEN PERFORM feedback_stats_history_change(OLD."item_id", OLD."id", OLD."at", NULL); END IF;
    IF NEW."to_status" = 'RESOLVED' THEN PERFORM feedback_stats_history_change(NEW."item_id", NEW."id", NULL, NEW."at"); END IF;
  END IF;
  RETURN NULL;
END $$;

-- A rating added, changed or removed.
CREATE FUNCTION feedback_stats_rating_change(p_item_id UUID, p_before_stars INTEGER, p_after_stars INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_item "feedback_item";
  v_resolved_at TIMESTAMPTZ;
BEGIN
  SELECT * INTO v_item FROM "feedback_item" WHERE "id" = p_item_id;
  IF NOT FOUND OR feedback_local_day(v_item."received_at") >= feedback_stats_watermark_shared() THEN RETURN; END IF;
  v_resolved_at := feedback_first_resolution(p_item_id);
  PERFORM feedback_stats_apply(v_item, v_resolved_at, p_before_stars, -1);
  PERFORM feedback_stats_apply(v_item, v_resolved_at, p_after_stars, 1);
END $$;

CREATE FUNCTION feedback_stats_rating_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM feedback_stats_rating_change(NEW."item_id", NULL, NEW."stars");
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM feedback_stats_rating_change(OLD."item_id", OLD."stars", NULL);
  ELSIF OLD."item_id" = NEW."item_id" THEN
    PERFORM feedback_stats_rating_change(NEW."item_id", OLD."stars", NEW."stars");
  ELSE
    PERFORM feedback_stats_rating_change(OLD."item_id", OLD."stars", NULL);
    PERFORM feedback_stats_rating_change(NEW."item_id", NULL, NEW."stars");
  END IF;
  RETURN NULL;
END $$;

-- The bulk seed (scripts/seed-feedback.ts) sets lien_thong.stats_bypass for its own session while it
-- loads days after the watermark (which the triggers would skip anyway) and holds the shared lock.
CREATE TRIGGER "feedback_stats_item_insert" AFTER INSERT ON "feedback_item" FOR EACH ROW
  WHEN (current_setting('lien_thong.stats_bypass', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION feedback_stats_item_trigger();
CREATE TRIGGER "feedback_stats_item_update" AFTER UPDATE ON "feedback_item" FOR EACH ROW
  WHEN ((OLD."status", OLD."unit_code", OLD."category_code", OLD."ward_code", OLD."received_at", OLD."due_at")
    IS DISTINCT FROM (NEW."status", NEW."unit_code", NEW."category_code", NEW."ward_code", NEW."received_at", NEW."due_at"))
  EXECUTE FUNCTION feedback_stats_item_trigger();
CREATE TRIGGER "feedback_stats_item_delete" BEFORE DELETE ON "feedback_item" FOR EACH ROW EXECUTE FUNCTION feedback_stats_item_trigger();
CREATE TRIGGER "feedback_stats_history_insert" AFTER INSERT ON "feedback_history" FOR EACH ROW
  WHEN (NEW."to_status" = 'RESOLVED' AND current_setting('lien_thong.stats_bypass', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION feedback_stats_history_trigger();
CREATE TRIGGER "feedback_stats_history_update" AFTER UPDATE ON "feedback_history" FOR EACH ROW
  WHEN (OLD."to_status" = 'RESOLVED' OR NEW."to_status" = 'RESOLVED') EXECUTE FUNCTION feedback_stats_history_trigger();
CREATE TRIGGER "feedback_stats_history_delete" AFTER DELETE ON "feedback_history" FOR EACH ROW
  WHEN (OLD."to_status" = 'RESOLVED') EXECUTE FUNCTION feedback_stats_history_trigger();
CREATE TRIGGER "feedback_stats_rating_insert" AFTER INSERT ON "feedback_rating" FOR EACH ROW
  WHEN (current_setting('lien_thong.stats_bypass', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION feedback_stats_rating_trigger();
CREATE TRIGGER "feedback_stats_rating_change" AFTER UPDATE OR DELETE ON "feedback_rating" FOR EACH ROW EXECUTE FUNCTION feedback_stats_rating_trigger();

-- Move the watermark forward to `until` (never past today: intake must stay off the rollup), adding
-- the days in between from the items. Exclusive lock: waits for changes in flight to commit.
CREATE FUNCTION feedback_stats_roll_forward(p_until DATE) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_previous DATE;
  v_target DATE := least(p_until, feedback_local_day(now()));
BEGIN
  PERFORM pg_advisory_xact_lock(feedback_stats_lock_key());
  SELECT "rolled_until" INTO v_previous FROM "feedback_stats_watermark" FOR UPDATE;
  IF v_target <= v_previous THEN RETURN; END IF;
  -- First resolutions of the items in the range: a join, so the planner picks an index per item for a
  -- day and a hash join for years.
  WITH r AS (
    SELECT h."item_id", min(h."at") AS "at"
      FROM "feedback_item" i JOIN "feedback_history" h ON h."item_id" = i."id" AND h."to_status" = 'RESOLVED'
     WHERE i."received_at" >= (v_previous::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND i."received_at" < (v_target::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
     GROUP BY h."item_id"
  )
  INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
  SELECT c."day", c."dimension", c."key", sum(c."items"), sum(c."resolved"), sum(c."on_time"), sum(c."handling_seconds"), sum(c."stars"), sum(c."ratings")
    FROM (
      SELECT feedback_local_day(i."received_at") AS "day", d."dimension", d."key", 1 AS "items",
             CASE WHEN d."dimension" = 'U' AND r."at" IS NOT NULL THEN 1 ELSE 0 END AS "resolved",
             CASE WHEN d."dimension" = 'U' AND r."at" <= i."due_at" THEN 1 ELSE 0 END AS "on_time",
             CASE WHEN d."dimension" = 'U' THEN coalesce(extract(epoch FROM (r."at" - i."received_at")), 0) ELSE 0 END AS "handling_seconds",
             CASE WHEN d."dimension" = 'U' THEN coalesce(rt."stars", 0) ELSE 0 END AS "stars",
             CASE WHEN d."dimension" = 'U' AND rt."stars" IS NOT NULL THEN 1 ELSE 0 END AS "ratings"
        FROM "feedback_item" i
        LEFT JOIN r ON r."item_id" = i."id"
        LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
        CROSS JOIN LATERAL (VALUES ('S', i."status"::text), ('C', i."category_code"), ('U', coalesce(i."unit_code", '')), ('W', i."ward_code")) AS d("dimension", "key")
       WHERE i."received_at" >= (v_previous::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND i."received_at" < (v_target::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
    ) c
   GROUP BY c."day", c."dimension", c."key"
  ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
    "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
    "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings";
  UPDATE "feedback_stats_watermark" SET "rolled_until" = v_target;
END $$;

-- Move the watermark back to `day` (NULL: forget everything), dropping the rolled-up days from it on.
-- For bulk loads and repairs; the statistics stay exact meanwhile (later days are read from the items).
CREATE FUNCTION feedback_stats_rewind(p_day DATE) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(feedback_stats_lock_key());
  IF p_day IS NULL THEN
    DELETE FROM "feedback_stats_daily";
    UPDATE "feedback_stats_watermark" SET "rolled_until" = DATE '1970-01-01';
  ELSE
    DELETE FROM "feedback_stats_daily" WHERE "day" >= p_day;
    UPDATE "feedback_stats_watermark" SET "rolled_until" = least("rolled_until", p_day);
  END IF;
END $$;

-- Roll up what is already there (nothing on a new database).
SELECT feedback_stats_roll_forward(feedback_local_day(now()));
