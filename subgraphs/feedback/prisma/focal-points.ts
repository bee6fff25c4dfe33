// The demo focal points (cán bộ đầu mối): 625 across the 86 units [seed, 2022]. Positions, not names.
// modelled: how the 625 are spread (6 per ward committee, the rest over the city-level units) and the
// position titles, after the 2025 ward-level civil-service posts.
import { DEMO_ACCOUNTS } from '../../../auth/demo-realm.ts';
import { FOCAL_POINT_COUNT, UNITS } from './seed-data.ts';
import type { PrismaClient } from './generated/client.ts';

const WARD_POSITIONS = [
  'Phó Chủ tịch Ủy ban nhân dân (phụ trách tiếp nhận phản ánh)',
  'Chánh Văn phòng HĐND và UBND',
  'Công chức Phòng Kinh tế, Hạ tầng và Đô thị',
  'Công chức Phòng Văn hóa – Xã hội',
  'Công chức Trung tâm Phục vụ hành chính công',
  'Chỉ huy Công an (đầu mối trật tự)',
] as const;
const CITY_POSITIONS = ['Lãnh đạo phụ trách', 'Trưởng phòng đầu mối', 'Chuyên viên đầu mối'] as const;

/** A focal point to seed. */
export interface FocalPointSeed {
  readonly unitCode: string;
  readonly position: string;
  readonly accountId: string | null;
}

/** The 625, in a fixed order; the demo officer is the first of their unit's. */
export function focalPoints(): FocalPointSeed[] {
  const wardUnits = UNITS.filter((unit) => unit.kind === 'WARD_COMMITTEE');
  const cityUnits = UNITS.filter((unit) => unit.kind !== 'WARD_COMMITTEE');
  const seeds: FocalPointSeed[] = wardUnits.flatMap((unit) => WARD_POSITIONS.map((position) => ({ unitCode: unit.code, position, accountId: null })));
  const left = FOCAL_POINT_COUNT - seeds.length;
  cityUnits.forEach((unit, index) => {
    const count = Math.floor(left / cityUnits.length) + (index < left % cityUnits.length ? 1 : 0);
    for (let n = 0; n < count; n += 1) seeds.push({ unitCode: unit.code, position: CITY_POSITIONS[Math.min(n, CITY_POSITIONS.length - 1)] as string, accountId: null });
  });
  for (const account of DEMO_ACCOUNTS) {
    if (!account.roles.includes('officer') || account.unit === undefined) continue;
    const index = seeds.findIndex((seed) => seed.unitCode === account.unit && seed.accountId === null);
    const seed = seeds[index];
    if (seed) seeds[index] = { ...seed, accountId: account.sub };
  }
  return seeds;
}

/** Seed the focal points once (skipped when any exist). */
export async function seedFocalPoints(db: PrismaClient): Promise<void> {
  if ((await db.focalPoint.count()) > 0) return;
  await db.focalPoint.createMany({ data: focalPoints() });
}
