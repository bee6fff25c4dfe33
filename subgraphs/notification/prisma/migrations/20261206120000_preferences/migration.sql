-- Preferences per kind of notification (channels chosen instead of the defaults) and quiet hours
-- (minutes after midnight, Việt Nam time) that hold back every channel but in-app, emergencies excepted.
ALTER TABLE "preference"
  ADD COLUMN "kind_channels" JSONB NOT NULL DEFAULT '{}',
  ADD COLUMN "quiet_start" INTEGER,
  ADD COLUMN "quiet_end" INTEGER,
  ADD CONSTRAINT "preference_quiet_hours_check" CHECK (
    ("quiet_start" IS NULL AND "quiet_end" IS NULL)
    OR ("quiet_start" BETWEEN 0 AND 1439 AND "quiet_end" BETWEEN 0 AND 1439 AND "quiet_start" <> "quiet_end")
  );
