-- CreateTable: a unit's focal points (cán bộ đầu mối), the officers who receive and answer its items.
-- A position, not a person's name: the officer's account (subject) links them when they sign in.
CREATE TABLE "focal_point" (
    "id" SERIAL NOT NULL,
    "unit_code" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "account_id" TEXT,

    CONSTRAINT "focal_point_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "focal_point_unit_code_idx" ON "focal_point"("unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "focal_point_account_id_key" ON "focal_point"("account_id");

-- AddForeignKey
ALTER TABLE "focal_point" ADD CONSTRAINT "focal_point_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
