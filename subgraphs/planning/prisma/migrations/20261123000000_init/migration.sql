-- CreateEnum
CREATE TYPE "PlanningLevel" AS ENUM ('GENERAL', 'ZONING', 'DETAILED');

-- CreateTable
CREATE TABLE "planning_scheme" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "PlanningLevel" NOT NULL,
    "scale" TEXT NOT NULL,
    "decision_number" TEXT NOT NULL,
    "decision_date" DATE NOT NULL,
    "authority" TEXT NOT NULL,

    CONSTRAINT "planning_scheme_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "land_use_zone" (
    "code" TEXT NOT NULL,
    "scheme_code" TEXT NOT NULL,
    "function" TEXT NOT NULL,
    "max_density_pct" DOUBLE PRECISION NOT NULL,
    "max_storeys" INTEGER NOT NULL,
    "max_far" DOUBLE PRECISION NOT NULL,
    "road_setback_m" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "land_use_zone_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "parcel" (
    "id" UUID NOT NULL,
    "ward_code" TEXT NOT NULL,
    "former_ward_name" TEXT NOT NULL,
    "sheet" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "area_m2" DOUBLE PRECISION NOT NULL,
    "zone_code" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "parcel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parcel_watch" (
    "id" UUID NOT NULL,
    "citizen_id" TEXT NOT NULL,
    "parcel_id" UUID NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parcel_watch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "parcel_ward_code_sheet_number_key" ON "parcel"("ward_code", "sheet", "number");

-- CreateIndex
CREATE INDEX "parcel_lat_lng_idx" ON "parcel"("lat", "lng");

-- CreateIndex
CREATE UNIQUE INDEX "parcel_watch_citizen_id_parcel_id_key" ON "parcel_watch"("citizen_id", "parcel_id");

-- AddForeignKey
ALTER TABLE "land_use_zone" ADD CONSTRAINT "land_use_zone_scheme_code_fkey" FOREIGN KEY ("scheme_code") REFERENCES "planning_scheme"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "parcel" ADD CONSTRAINT "parcel_zone_code_fkey" FOREIGN KEY ("zone_code") REFERENCES "land_use_zone"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "parcel_watch" ADD CONSTRAINT "parcel_watch_parcel_id_fkey" FOREIGN KEY ("parcel_id") REFERENCES "parcel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
