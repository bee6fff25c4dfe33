-- Geometry for schemes, zones and parcels: GeoJSON (exact coordinates) plus a built-in `box` with a
-- GiST index that narrows a point or map-box query to candidates on PGlite and PostgreSQL alike (no
-- extension needed). The exact point-in-polygon test runs in subgraphs/kit/geo/geometry.ts.

-- AlterTable
ALTER TABLE "planning_scheme" ADD COLUMN "documents" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "geometry" JSONB,
ADD COLUMN "bbox" box;

-- AlterTable
ALTER TABLE "land_use_zone" ADD COLUMN "geometry" JSONB,
ADD COLUMN "bbox" box;

-- AlterTable
ALTER TABLE "parcel" ADD COLUMN "feature_id" TEXT,
ADD COLUMN "geometry" JSONB,
ADD COLUMN "bbox" box;

-- CreateIndex
CREATE INDEX "planning_scheme_bbox_idx" ON "planning_scheme" USING GIST ("bbox");

-- CreateIndex
CREATE INDEX "land_use_zone_bbox_idx" ON "land_use_zone" USING GIST ("bbox");

-- CreateIndex
CREATE UNIQUE INDEX "parcel_feature_id_key" ON "parcel"("feature_id");

-- CreateIndex
CREATE INDEX "parcel_bbox_idx" ON "parcel" USING GIST ("bbox");
