-- A dossier's timeline is read whole (a few to a dozen entries) and sorted in memory: the unique index on
-- ("dossier_id", "source_event_id") finds the entries as well as ("dossier_id", "occurred_at", "id") did.
-- That index was a fifth of the database at 5 million dossiers (4.6 GB of 24), kept out of the cache the
-- pages that lookups read, and was one more index for every timeline entry written.

-- DropIndex
DROP INDEX "dossier_event_dossier_id_occurred_at_id_idx";
