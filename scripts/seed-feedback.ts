// `npm run seed:feedback -- --count 2000000 [--database-url postgresql://…] [--seed N] [--months 24]
// [--until YYYY-MM-DD] [--replace]`: large, realistic, reproducible volumes for the feedback database.
//
// The same arguments (seed, count, months, until) give the same items, codes, histories and ratings.
// Items are generated in order of receipt and streamed with COPY (pg-copy-streams on PostgreSQL; COPY
// FROM '/dev/blob' on embedded PGlite, DATA_DIR/feedback by default), in batches of BATCH_ITEMS, each
// batch one transaction. Migrations are applied and the reference data (categories, units, routing
// rules) and demo items of prisma/seed.ts are loaded first; routing uses the rules found in the database.
//
// modelled: every distribution below (volumes per day and hour, categories, channels, wards, how long
// units take, how many are late, rated, reopened). DOMAIN.md gives only the anchors: traffic dominant
// (~87% in 2018), deadlines of 8 or 48 working hours, few items late.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { calendarCovers } from '../subgraphs/kit/calendar/holidays.ts';
import { feedbackDeadline } from '../subgraphs/feedback/intake/deadline.ts';
import { PrismaClient } from '../subgraphs/feedback/prisma/generated/client.ts';
import { seedFeedback } from '../subgraphs/feedback/prisma/seed.ts';
import { parseFeedbackConfig } from '../subgraphs/feedback/config.ts';
import { openDatabase, pgliteDatabase } from '../subgraphs/kit/db.ts';
import type { Database } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';
import { wardAt } from '../subgraphs/kit/geo/ward-boundaries.ts';
import { WARDS } from '../subgraphs/kit/reference/wards.ts';
import type { Ward } from '../subgraphs/kit/reference/wards.ts';
import { countGeneratedItems } from '../testing/feedback-volume.ts';

const USAGE = `usage: npm run seed:feedback -- --count N [--database-url postgresql://…] [--seed N] [--months M] [--until YYYY-MM-DD] [--replace]
  --count N          items to generate (1 to 50000000)
  --database-url U   PostgreSQL; default FEEDBACK_DATABASE_URL, else embedded PGlite in DATA_DIR/feedback
  --seed N           random seed, a whole number (default 1): the same arguments give the same data
  --months M         months of history before --until (1 to 120, default 24)
  --until D          the day the data ends (exclusive), YYYY-MM-DD in Việt Nam time (default: today)
  --replace          delete every item first (the demo items are loaded again)`;

/** Items per COPY batch (one transaction each). */
const BATCH_ITEMS = 20_000;
const MAX_COUNT = 50_000_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * HOUR_MS;

/** Validated arguments. */
export interface SeedOptions {
  readonly count: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly seed: number;
  readonly months: number;
  /** Exclusive end: local midnight (UTC+7) of the --until day, as an instant. */
  readonly until: Date;
  readonly replace: boolean;
}

class UsageError extends Error {}

function wholeNumber(value: string | undefined, name: string, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value.trim().replaceAll('_', ''))) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const number = Number(value.trim().replaceAll('_', ''));
  if (number < min || number > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${number}`);
  return number;
}

/** Parse argv (without node and the script); throws UsageError. */
export function parseSeedArgs(argv: readonly string[], env: Record<string, string | undefined>, today = new Date()): SeedOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        'database-url': { type: 'string' },
        seed: { type: 'string' },
        months: { type: 'string' },
        until: { type: 'string' },
        replace: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const count = wholeNumber(values.count, 'count', 1, MAX_COUNT);
  const seed = wholeNumber(values.seed, 'seed', 0, 2 ** 32 - 1, 1);
  const months = wholeNumber(values.months, 'months', 1, 120, 24);
  const databaseUrl = values['database-url'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) throw new UsageError(`--database-url must be a postgresql:// URL, got "${databaseUrl}"`);
  let until: Date;
  if (values.until === undefined) {
    const local = new Date(today.getTime() + VN_OFFSET_MS);
    until = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VN_OFFSET_MS);
  } else {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.until);
    const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
    if (!match || !day || day.toISOString().slice(0, 10) !== values.until || day.getUTCFullYear() < 2000 || day.getUTCFullYear() > 2100) {
      throw new UsageError(`--until must be a date YYYY-MM-DD between 2000 and 2100, got "${values.until}"`);
    }
    until = new Date(day.getTime() - VN_OFFSET_MS);
  }
  let config;
  try {
    config = parseFeedbackConfig(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { count, seed, months, until, databaseUrl: databaseUrl ?? config.databaseUrl, dataDir: config.dataDir, replace: values.replace };
}

// — deterministic randomness ——————————————————————————————————————————————————————————————

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

/** sfc32: small, fast, good enough for data generation, and the same on every machine. */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  constructor(seed: number, stream = 0) {
    this.#a = 0x9e3779b9;
    this.#b = seed >>> 0;
    this.#c = (stream * 0x85ebca6b) >>> 0;
    this.#d = 1;
    for (let i = 0; i < 15; i += 1) this.next();
  }
  /** Uniform in [0, 2^32). */
  nextUint(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint() / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** A version-4 UUID. */
  uuid(): string {
    const a = this.nextUint();
    const b = this.nextUint();
    const c = this.nextUint();
    const d = this.nextUint();
    const x = (n: number) => HEX[n >>> 24]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
    const y = (n: number) => HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
    return `${x(a)}-${y(b >>> 16)}-${y(((b & 0x0fff) | 0x4000) >>> 0)}-${y((((c >>> 16) & 0x3fff) | 0x8000) >>> 0)}-${y(c)}${x(d)}`;
  }
}

/** Pick from weighted choices with a precomputed cumulative table. */
class Weighted<T> {
  readonly #values: readonly T[];
  readonly #cumulative: Float64Array;
  constructor(entries: readonly (readonly [T, number])[]) {
    this.#values = entries.map(([value]) => value);
    this.#cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], index) => {
      sum += weight;
      this.#cumulative[index] = sum;
    });
    for (let index = 0; index < entries.length; index += 1) this.#cumulative[index]! /= sum;
  }
  pick(random: Random): T {
    const x = random.next();
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#cumulative[mid]! > x) high = mid;
      else low = mid + 1;
    }
    return this.#values[low]!;
  }
}

// — the model ————————————————————————————————————————————————————————————————————————————

// modelled: traffic dominant, as in DOMAIN.md (~87% in 2018; other sectors have grown since).
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  GIAO_THONG: 72,
  TRAT_TU_DO_THI: 5,
  THOAT_NUOC: 3.2,
  MOI_TRUONG: 3,
  CAP_NUOC: 2.4,
  CHIEU_SANG: 2,
  CAY_XANH: 1.8,
  XAY_DUNG: 1.8,
  TIENG_ON: 1.6,
  DIEN_LUC: 1.4,
  XE_BUYT: 1.2,
  HANH_CHINH_CONG: 1,
  DAT_DAI: 0.8,
  VIEN_THONG: 0.6,
  GOP_Y_HIEN_KE: 0.6,
  Y_TE: 0.5,
  HANG_GIA: 0.4,
  DU_LICH: 0.4,
  VAT_TU_NONG_NGHIEP: 0.3,
};

type ChannelName = 'WEB' | 'APP' | 'PHONE' | 'SMS' | 'EMAIL' | 'ZALO' | 'FACEBOOK' | 'VIBER' | 'CHAT';
const CHANNELS = new Weighted<ChannelName>([
  ['APP', 34],
  ['PHONE', 26],
  ['WEB', 16],
  ['ZALO', 10],
  ['FACEBOOK', 5],
  ['SMS', 3],
  ['EMAIL', 2],
  ['CHAT', 3],
  ['VIBER', 1],
]);

// Local hour of receipt: office hours and the evening peak.
const HOURS = new Weighted<number>([
  [0, 0.4],
  [1, 0.25],
  [2, 0.2],
  [3, 0.2],
  [4, 0.35],
  [5, 0.9],
  [6, 2.2],
  [7, 5.5],
  [8, 7],
  [9, 7],
  [10, 6.5],
  [11, 5.2],
  [12, 3.6],
  [13, 4.8],
  [14, 6],
  [15, 6],
  [16, 5.6],
  [17, 4.8],
  [18, 4.2],
  [19, 4.4],
  [20, 4],
  [21, 3.2],
  [22, 2],
  [23, 1],
]);

// Wards weighted by how busy they are: inner-city wards most, outlying communes and Đồng Tháp least.
function wardWeight(ward: Ward): number {
  if (ward.province === 'DONG_THAP') return 0.6;
  if (ward.kind === 'DAC_KHU') return 0.15;
  if (ward.kind === 'XA') return 0.8;
  if (/Quận (1|3|5|10|Bình Thạnh|Phú Nhuận)$/.test(ward.formerDistrict)) return 2.2;
  return 1.4;
}

const STREETS = [
  'Lê Lợi',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Điện Biên Phủ',
  'Cách Mạng Tháng Tám',
  'Nguyễn Thị Minh Khai',
  'Võ Văn Kiệt',
  'Trần Hưng Đạo',
  'Lý Thường Kiệt',
  'Phạm Văn Đồng',
  'Nguyễn Văn Linh',
  'Xa lộ Hà Nội',
  'Quang Trung',
  'Phan Văn Trị',
  'Hoàng Văn Thụ',
  'Cộng Hòa',
  'Lê Văn Sỹ',
  'Nguyễn Oanh',
  'Kinh Dương Vương',
  'Huỳnh Tấn Phát',
  'Tô Ký',
  'Lũy Bán Bích',
  'Âu Cơ',
  'Nguyễn Trãi',
  'Ba Tháng Hai',
];

const TOPICS: Readonly<Record<string, readonly string[]>> = {
  GIAO_THONG: ['Ổ gà trên đường {s}', 'Kẹt xe kéo dài tại giao lộ {s}', 'Đèn tín hiệu hỏng trên đường {s}', 'Biển báo bị che khuất trên đường {s}', 'Nắp hố ga bị vỡ trên đường {s}'],
  TRAT_TU_DO_THI: ['Lấn chiếm vỉa hè đường {s}', 'Họp chợ tự phát trên đường {s}', 'Đậu xe trái phép trên vỉa hè đường {s}'],
  THOAT_NUOC: ['Ngập nước sau mưa trên đường {s}', 'Cống bị tắc, nước tràn trên đường {s}'],
  MOI_TRUONG: ['Rác thải tồn đọng gần đường {s}', 'Đốt rác gây khói trong hẻm đường {s}'],
  CAP_NUOC: ['Mất nước sinh hoạt khu vực đường {s}', 'Vỡ ống nước trên đường {s}'],
  CHIEU_SANG: ['Đèn đường không sáng trên đường {s}'],
  CAY_XANH: ['Cây xanh nghiêng nguy hiểm trên đường {s}', 'Nhánh cây gãy trên đường {s}'],
  XAY_DUNG: ['Công trình không che chắn trên đường {s}', 'Xây dựng sai phép trong hẻm đường {s}'],
  TIENG_ON: ['Tiếng ồn karaoke gần đường {s}', 'Công trình thi công ban đêm trên đường {s}'],
  DIEN_LUC: ['Dây điện võng thấp trên đường {s}', 'Mất điện không báo trước khu vực đường {s}'],
  XE_BUYT: ['Xe buýt không dừng đón khách trên đường {s}'],
  HANH_CHINH_CONG: ['Hồ sơ trễ hẹn tại bộ phận một cửa'],
  DAT_DAI: ['Lấn chiếm đất công gần đường {s}'],
  VIEN_THONG: ['Cáp viễn thông treo lơ lửng trên đường {s}'],
  GOP_Y_HIEN_KE: ['Góp ý bố trí lại làn xe trên đường {s}', 'Hỏi về thủ tục không thuộc phạm vi 1022'],
  Y_TE: ['Cơ sở kinh doanh thực phẩm mất vệ sinh gần đường {s}'],
  HANG_GIA: ['Bán hàng giả gần chợ trên đường {s}'],
  DU_LICH: ['Chèo kéo du khách trên đường {s}'],
  VAT_TU_NONG_NGHIEP: ['Phân bón kém chất lượng được bán tại xã'],
};

const RESULTS = ['Đơn vị đã kiểm tra hiện trường và khắc phục xong.', 'Đã xử lý theo thẩm quyền và thông báo cho người phản ánh.', 'Đã phối hợp các đơn vị liên quan xử lý dứt điểm.'];
const REJECT_REASONS = ['Nội dung không thuộc phạm vi tiếp nhận của Hệ thống 1022.', 'Trùng với phản ánh đã tiếp nhận trước đó.', 'Không đủ thông tin để xác minh.'];

/** What the generator needs from the database: categories, units and routing rules as stored. */
export interface Reference {
  readonly deadlines: ReadonlyMap<string, number>;
  readonly units: readonly string[];
  /** category → ward → unit, with '' for the rule that matches any ward. */
  readonly rules: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const DEFAULT_UNIT = 'TT-1022';

interface HistoryRow {
  readonly at: number;
  readonly actor: string | null;
  readonly action: string;
  readonly from: string | null;
  readonly to: string;
  readonly note: string | null;
}

/** One generated item with its history and rating, as COPY text lines. */
interface Generated {
  readonly item: string;
  readonly history: string[];
  readonly rating: string | null;
}

function escapeCopy(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}
const text = (value: string | null) => (value === null ? '\\N' : escapeCopy(value));
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();
/** An instant as COPY text, in UTC; Date#toISOString was the generator's hottest line. */
function time(ms: number | null): string {
  if (ms === null) return '\\N';
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) dayPrefixes.set(day, (prefix = `${new Date(day * DAY_MS).toISOString().slice(0, 10)} `));
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}+00`;
}

/**
 * feedbackDeadline, without its exception where the start's year has no holiday data (it falls back
 * to calendar hours there, which is what this returns directly: throwing cost more than the rest).
 */
function deadline(fromMs: number, hours: number): number {
  if (!calendarCovers(new Date(fromMs + VN_OFFSET_MS).getUTCFullYear())) return fromMs + hours * HOUR_MS;
  return feedbackDeadline(new Date(fromMs), hours).getTime();
}

/** The items' columns, in COPY order. */
export const ITEM_COLUMNS = [
  'id',
  'code',
  'citizen_id',
  'channel',
  'category_code',
  'title',
  'content',
  'ward_code',
  'lat',
  'lng',
  'is_anonymous',
  'is_public',
  'status',
  'unit_code',
  'received_at',
  'due_at',
  'result_text',
  'rejection_reason',
  'committed_at',
  'reopen_count',
  'created_at',
  'updated_at',
  // Kept by triggers on the history and the ratings, which the load bypasses: written here.
  'resolved_at',
  'rating_stars',
];
const HISTORY_COLUMNS = ['item_id', 'at', 'actor_id', 'action', 'from_status', 'to_status', 'note'];
const RATING_COLUMNS = ['item_id', 'unit_code', 'stars', 'comment', 'created_at'];

/** Generates items in order of receipt. Deterministic for (seed, count, months, until). */
export class FeedbackGenerator {
  readonly #random: Random;
  readonly #reference: Reference;
  readonly #until: number;
  readonly #categories: Weighted<string>;
  readonly #wards: Weighted<Ward>;
  readonly #codes = new Map<string, Set<number>>();
  readonly #operators: string[];
  readonly #officers = new Map<string, string[]>();
  readonly #citizens: string[];
  /** Items per day, oldest first, and the local midnight of the first day. */
  readonly #perDay: number[];
  readonly #firstDay: number;
  #day = 0;
  #dayTimes: number[] = [];

  constructor(options: { seed: number; count: number; months: number; until: Date }, reference: Reference, reservedCodes: Iterable<string>) {
    this.#random = new Random(options.seed);
    this.#reference = reference;
    this.#until = options.until.getTime();
    for (const code of reservedCodes) this.#reserve(code);
    this.#categories = new Weighted([...reference.deadlines.keys()].map((code) => [code, CATEGORY_WEIGHTS[code] ?? 0.3] as const));
    this.#wards = new Weighted(WARDS.map((ward) => [ward, wardWeight(ward)] as const));
    const people = new Random(options.seed, 1);
    this.#operators = Array.from({ length: 40 }, () => people.uuid());
    for (const unit of reference.units)
      this.#officers.set(
        unit,
        Array.from({ length: 7 }, () => people.uuid()),
      );
    // A city's reporters: most report once, a few often (picked with a skew below).
    this.#citizens = Array.from({ length: Math.max(50, Math.min(400_000, Math.ceil(options.count / 4))) }, () => people.uuid());
    // Days: local midnights from `months` months before `until`.
    const end = new Date(this.#until + VN_OFFSET_MS);
    const start = Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - options.months, end.getUTCDate()) - VN_OFFSET_MS;
    const days = Math.round((this.#until - start) / DAY_MS);
    this.#firstDay = start;
    // modelled: volume grows ~40% over the range, weekends are quieter, the rainy season (May–Nov) busier.
    const weights = Array.from({ length: days }, (_, index) => {
      const local = new Date(start + index * DAY_MS + VN_OFFSET_MS);
      const weekday = local.getUTCDay();
      const month = local.getUTCMonth() + 1;
      return (0.85 + (0.4 * index) / days) * (weekday === 0 ? 0.55 : weekday === 6 ? 0.7 : 1) * (month >= 5 && month <= 11 ? 1.1 : 1);
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let cumulative = 0;
    let allotted = 0;
    this.#perDay = weights.map((weight) => {
      cumulative += weight;
      const upTo = Math.round((options.count * cumulative) / total);
      const count = upTo - allotted;
      allotted = upTo;
      return count;
    });
  }

  #reserve(code: string): boolean {
    const month = code.slice(3, 7);
    const serial = Number(code.slice(7));
    let used = this.#codes.get(month);
    if (!used) this.#codes.set(month, (used = new Set()));
    if (used.has(serial)) return false;
    used.add(serial);
    return true;
  }

  #code(receivedAt: number): string {
    // As newFeedbackCode: PHA + YYMM (UTC) + 8 random digits, never repeated.
    const at = new Date(receivedAt);
    const yymm = `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
    for (;;) {
      const code = `PHA${yymm}${String(this.#random.int(100_000_000)).padStart(8, '0')}`;
      if (this.#reserve(code)) return code;
    }
  }

  #nextReceivedAt(): number {
    while (this.#dayTimes.length === 0) {
      const count = this.#perDay[this.#day];
      if (count === undefined) throw new Error('generator exhausted');
      const midnight = this.#firstDay + this.#day * DAY_MS;
      this.#dayTimes = Array.from({ length: count }, () => midnight + HOURS.pick(this.#random) * HOUR_MS + this.#random.int(HOUR_MS)).sort((a, b) => b - a);
      this.#day += 1;
    }
    return this.#dayTimes.pop()!;
  }

  #point(ward: Ward): { lat: number; lng: number } {
    // Around the ward's centroid, kept only inside the ward's boundary (the ward intake derives).
    const spread = ward.kind === 'PHUONG' ? 0.006 : 0.02;
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const lat = Math.round((ward.lat + this.#random.normal() * spread) * 1e6) / 1e6;
      const lng = Math.round((ward.lng + this.#random.normal() * spread) * 1e6) / 1e6;
      if (wardAt(lat, lng)?.code === ward.code) return { lat, lng };
    }
    return { lat: ward.lat, lng: ward.lng };
  }

  #route(category: string, ward: string): { unit: string; byRule: boolean } {
    const rules = this.#reference.rules.get(category);
    const unit = rules?.get(ward) ?? rules?.get('');
    return unit ? { unit, byRule: true } : { unit: DEFAULT_UNIT, byRule: false };
  }

  #officer(unit: string): string {
    const pool = this.#officers.get(unit) ?? this.#operators;
    return pool[this.#random.int(pool.length)]!;
  }

  #operator(): string {
    return this.#operators[this.#random.int(this.#operators.length)]!;
  }

  /** The next item, its history up to `until`, and its rating if any. */
  next(): Generated {
    const random = this.#random;
    const receivedAt = this.#nextReceivedAt();
    const id = random.uuid();
    const category = this.#categories.pick(random);
    const ward = this.#wards.pick(random);
    const { lat, lng } = this.#point(ward);
    const channel = CHANNELS.pick(random);
    const hasAccount = channel === 'WEB' || channel === 'APP';
    // Skewed reporters: a third of items come from a small, frequent tenth of the citizens.
    const citizens = this.#citizens;
    const citizen = hasAccount ? citizens[random.chance(0.33) ? random.int(Math.ceil(citizens.length / 10)) : random.int(citizens.length)]! : null;
    const isAnonymous = random.chance(0.08);
    const isPublic = random.chance(0.88);
    const street = STREETS[random.int(STREETS.length)]!;
    const topics = TOPICS[category] ?? ['Phản ánh về {s}'];
    const title = topics[random.int(topics.length)]!.replace('{s}', street);
    const content = `${title}. Người dân phản ánh tình trạng kéo dài, đề nghị cơ quan chức năng kiểm tra, xử lý. (${ward.name})`;
    const deadlineHours = this.#reference.deadlines.get(category) ?? 48;
    const dueAt = deadline(receivedAt, deadlineHours);
    const until = this.#until;
    const routed = this.#route(category, ward.code);
    let unit = routed.unit;
    let status = 'RECEIVED';
    let resultText: string | null = null;
    let rejection: string | null = null;
    let committedAt: number | null = null;
    let reopenCount = 0;
    let resolvedAt: number | null = null;
    const history: HistoryRow[] = [];
    // Each step happens only if its time is before `until`: recent items are still open.
    const step = (at: number, actor: string | null, action: string, to: string, note: string | null = null): boolean => {
      if (at >= until) return false;
      history.push({ at, actor, action, from: history.length === 0 ? null : status, to, note });
      status = to;
      return true;
    };
    const working = (from: number, hours: number) => Math.max(from + 1000, deadline(from, hours));
    let now = receivedAt;
    step(now, hasAccount ? citizen : channel === 'PHONE' || channel === 'SMS' ? this.#operator() : null, 'SUBMITTED', 'RECEIVED');
    run: {
      if (!step(now, null, routed.byRule ? 'ROUTED_BY_RULE' : 'ROUTED_TO_DEFAULT', 'ROUTED', unit)) break run;
      // The 1022 centre classifies what no rule matched; it refuses some items outright.
      if (unit === DEFAULT_UNIT || random.chance(0.015)) {
        now = working(now, random.between(0.2, 2));
        if (unit === DEFAULT_UNIT && random.chance(0.55)) {
          unit = ward.province === 'HCM' && ward.kind !== 'DAC_KHU' ? `UBND-${ward.code}` : 'SO-NOI-VU';
          if (!this.#reference.units.includes(unit)) unit = 'SO-NOI-VU';
          // ROUTE is taken from RETURNED: the centre, as the unit it was routed to, hands it back first.
          if (!step(now, this.#officer(DEFAULT_UNIT), 'RETURN', 'RETURNED', 'Chuyển đơn vị có thẩm quyền.')) break run;
          if (!step(now + 60_000, this.#operator(), 'ROUTE', 'ROUTED', unit)) break run;
        } else {
          rejection = REJECT_REASONS[random.int(REJECT_REASONS.length)]!;
          if (!step(now, this.#operator(), 'REJECT', 'REJECTED', rejection)) rejection = null;
          break run;
        }
      }
      for (let round = 0; round < 3; round += 1) {
        now = working(now, random.between(0.05, 0.4) * deadlineHours);
        if (!step(now, this.#officer(unit), 'START', 'IN_PROGRESS')) break run;
        // Wrong unit: sent back and routed again by the centre.
        if (round === 0 && random.chance(0.02)) {
          now = working(now, random.between(0.2, 1));
          const reason = 'Không thuộc thẩm quyền của đơn vị.';
          if (!step(now, this.#officer(unit), 'RETURN', 'RETURNED', reason)) break run;
          rejection = reason;
          now = working(now, random.between(0.2, 1));
          unit = unit === 'SO-XAY-DUNG' ? 'CONG-AN-TP' : 'SO-XAY-DUNG';
          if (!step(now, this.#operator(), 'ROUTE', 'ROUTED', unit)) break run;
          now = working(now, random.between(0.05, 0.3) * deadlineHours);
          if (!step(now, this.#officer(unit), 'START', 'IN_PROGRESS')) break run;
        }
        // modelled: ~5% late, ~8% ask for more time first.
        const late = random.chance(0.05);
        const fraction = late ? random.between(1.05, 3) : random.between(0.3, 0.98);
        if (random.chance(0.08)) {
          const at = working(now, random.between(0.1, 0.4) * deadlineHours);
          const committed = working(receivedAt, deadlineHours * 3);
          if (!step(at, this.#officer(unit), 'REPORT_PROGRESS', 'PROGRESS_REPORTED', new Date(committed).toISOString())) break run;
          committedAt = committed;
          now = at;
        }
        now = Math.max(now + 60_000, working(receivedAt, fraction * deadlineHours));
        if (!step(now, this.#officer(unit), 'RESOLVE', 'RESOLVED')) break run;
        resultText = RESULTS[random.int(RESULTS.length)]!;
        resolvedAt ??= now;
        if (isPublic && random.chance(0.75)) {
          now = working(now, random.between(1, 8));
          if (!step(now, this.#operator(), 'PUBLISH', 'PUBLISHED')) break run;
        }
        // The reporter disputes a few results; then the unit works on it again.
        if (citizen !== null && round < 2 && random.chance(0.03)) {
          now += random.between(1, 5) * DAY_MS;
          if (!step(now, citizen, 'REOPEN', 'REOPENED', 'Chưa được xử lý triệt để.')) break run;
          reopenCount += 1;
          continue;
        }
        if (random.chance(0.65)) {
          now += random.between(2, 10) * DAY_MS;
          step(now, citizen !== null && random.chance(0.4) ? citizen : this.#operator(), 'CLOSE', 'CLOSED');
        }
        break run;
      }
    }
    const updatedAt = history.length > 0 ? history[history.length - 1]!.at : receivedAt;
    let rating: string | null = null;
    let ratingStars: number | null = null;
    if (citizen !== null && resolvedAt !== null && random.chance(0.35)) {
      const ratedAt = resolvedAt + random.between(0.1, 3) * DAY_MS;
      if (ratedAt < until) {
        const late = resolvedAt > dueAt;
        const stars = late ? 1 + random.int(3) : [5, 5, 5, 5, 4, 4, 4, 3, 2, 1][random.int(10)]!;
        rating = [id, unit, String(stars), '\\N', time(ratedAt)].join('\t');
        ratingStars = stars;
      }
    }
    const item = [
      id,
      this.#code(receivedAt),
      text(citizen),
      channel,
      category,
      text(title),
      text(content),
      ward.code,
      String(lat),
      String(lng),
      isAnonymous ? 't' : 'f',
      isPublic ? 't' : 'f',
      status,
      unit,
      time(receivedAt),
      time(dueAt),
      text(resultText),
      text(status === 'REJECTED' || status === 'RETURNED' ? rejection : null),
      time(status === 'PROGRESS_REPORTED' ? committedAt : null),
      String(reopenCount),
      time(receivedAt),
      time(updatedAt),
      time(resolvedAt),
      ratingStars === null ? '\\N' : String(ratingStars),
    ].join('\t');
    return {
      item,
      history: history.map((row) => [id, time(row.at), text(row.actor), row.action, text(row.from), row.to, text(row.note)].join('\t')),
      rating,
    };
  }
}

// — the database ——————————————————————————————————————————————————————————————————————————

/** Where rows go: COPY text lines into a table. */
interface Sink {
  copy(table: string, columns: readonly string[], lines: readonly string[]): Promise<void>;
  // A function property, not a method: callers pass `sink.query` on its own.
  query: <Row>(sql: string, params?: unknown[]) => Promise<Row[]>;
  close(): Promise<void>;
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async copy(table, columns, lines) {
      if (lines.length === 0) return;
      const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM STDIN`));
      const done = once(stream, 'finish');
      // Write in slices so the socket drains while the rest is joined.
      for (let index = 0; index < lines.length; index += 5000) {
        if (!stream.write(`${lines.slice(index, index + 5000).join('\n')}\n`)) await once(stream, 'drain');
      }
      stream.end();
      await done;
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
    close: () => client.end(),
  };
}

function pgliteSink(client: PGlite): Sink {
  return {
    async copy(table, columns, lines) {
      if (lines.length === 0) return;
      await client.query(`COPY "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([`${lines.join('\n')}\n`]) });
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
    close: async () => {},
  };
}

async function loadReference(sink: Sink): Promise<Reference> {
  const categories = await sink.query<{ code: string; deadline_hours: number }>('SELECT "code", "deadline_hours" FROM "category" ORDER BY "code"');
  const units = await sink.query<{ code: string }>('SELECT "code" FROM "unit" ORDER BY "code"');
  const rules = await sink.query<{ category_code: string; ward_code: string | null; unit_code: string }>('SELECT "category_code", "ward_code", "unit_code" FROM "routing_rule" ORDER BY "id"');
  const byCategory = new Map<string, Map<string, string>>();
  for (const rule of rules) {
    let wards = byCategory.get(rule.category_code);
    if (!wards) byCategory.set(rule.category_code, (wards = new Map<string, string>()));
    wards.set(rule.ward_code ?? '', rule.unit_code);
  }
  return { deadlines: new Map(categories.map((row) => [row.code, row.deadline_hours])), units: units.map((row) => row.code), rules: byCategory };
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** Generate and load; returns the items written and the seconds taken. */
export async function seedFeedbackVolume(options: SeedOptions): Promise<{ items: number; history: number; ratings: number; seconds: number }> {
  const started = performance.now();
  let database: Database;
  let sink: Sink;
  let pglite: PGlite | undefined;
  if (options.databaseUrl) {
    database = await openDatabase({ url: options.databaseUrl, poolMax: 2 });
    sink = await postgresSink(options.databaseUrl);
  } else {
    pglite = await PGlite.create({ dataDir: options.dataDir });
    database = pgliteDatabase(pglite);
    sink = pgliteSink(pglite);
  }
  const where = options.databaseUrl ? options.databaseUrl.replace(/\/\/[^@/]*@/, '//…@') : `PGlite ${options.dataDir}`;
  try {
    const migrated = await migrate(database, fileURLToPath(new URL('../subgraphs/feedback/prisma/migrations/', import.meta.url)));
    if (migrated.applied.length > 0) log(`migrations applied: ${migrated.applied.join(', ')}`);
    if (options.replace) {
      log('--replace: deleting every item');
      await sink.query('TRUNCATE "feedback_item" CASCADE');
      await sink.query('SELECT feedback_stats_rewind(NULL)');
    }
    const prisma = new PrismaClient({ adapter: database.adapter });
    try {
      await seedFeedback(prisma);
    } finally {
      await prisma.$disconnect();
    }
    const existing = await countGeneratedItems(sink.query);
    if (existing > 0) {
      throw new UsageError(`the feedback database (${where}) already has ${existing} items besides the demo ones: pass --replace to replace them`);
    }
    const reference = await loadReference(sink);
    const reserved = (await sink.query<{ code: string }>('SELECT "code" FROM "feedback_item"')).map((row) => row.code);
    const generator = new FeedbackGenerator(options, reference, reserved);
    log(
      `seeding ${options.count.toLocaleString('en')} items over ${options.months} months up to ${new Date(options.until.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10)} (seed ${options.seed}) into ${where}`,
    );
    // The statistics rollup is rebuilt once at the end rather than row by row: rewind it to before the
    // first generated day, and hold off any roll-forward (a shared lock) until the load is done.
    await sink.query('SELECT feedback_stats_rewind($1::date)', [new Date(options.until.getTime() + VN_OFFSET_MS - (options.months * 31 + 1) * DAY_MS).toISOString().slice(0, 10)]);
    await sink.query('SELECT pg_advisory_lock_shared(feedback_stats_lock_key())');
    await sink.query(`SET lien_thong.stats_bypass = 'on'`);
    // The rows reference only categories, units and items that exist (they come from the database and
    // from the same batch), so a superuser skips the per-row foreign-key checks: twice as fast.
    const skipChecks = await sink.query('SET session_replication_role = replica').then(
      () => true,
      () => false,
    );
    if (!skipChecks) log('(not a superuser: foreign keys are checked row by row, which is slower)');
    let items = 0;
    let history = 0;
    let ratings = 0;
    let lastReport = performance.now();
    // Generate the next batch while the database loads the previous one (yielding between slices).
    const generate = async (size: number) => {
      const batch = { items: new Array<string>(size), history: [] as string[], ratings: [] as string[] };
      for (let index = 0; index < size; index += 1) {
        const generated = generator.next();
        batch.items[index] = generated.item;
        for (const line of generated.history) batch.history.push(line);
        if (generated.rating) batch.ratings.push(generated.rating);
        if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
      }
      return batch;
    };
    const load = async (batch: Awaited<ReturnType<typeof generate>>) => {
      await sink.query('BEGIN');
      try {
        await sink.copy('feedback_item', ITEM_COLUMNS, batch.items);
        await sink.copy('feedback_history', HISTORY_COLUMNS, batch.history);
        await sink.copy('feedback_rating', RATING_COLUMNS, batch.ratings);
        await sink.query('COMMIT');
      } catch (error) {
        await sink.query('ROLLBACK');
        throw error;
      }
      items += batch.items.length;
      history += batch.history.length;
      ratings += batch.ratings.length;
      const now = performance.now();
      if (now - lastReport > 2000 || items === options.count) {
        const seconds = (now - started) / 1000;
        log(
          `  ${items.toLocaleString('en')} / ${options.count.toLocaleString('en')} items (${Math.round((100 * items) / options.count)}%), ${history.toLocaleString('en')} history rows, ${ratings.toLocaleString('en')} ratings — ${Math.round(items / seconds).toLocaleString('en')} items/s, ${Math.round((items + history + ratings) / seconds).toLocaleString('en')} rows/s`,
        );
        lastReport = now;
      }
    };
    let loading: Promise<void> = Promise.resolve();
    for (let generated = 0; generated < options.count;) {
      const batch = await generate(Math.min(BATCH_ITEMS, options.count - generated));
      generated += batch.items.length;
      await loading;
      loading = load(batch);
      // Surface a failed load at once rather than after the next batch.
      loading.catch(() => {});
    }
    await loading;
    await sink.query('RESET lien_thong.stats_bypass');
    if (skipChecks) await sink.query('RESET session_replication_role');
    await sink.query('SELECT pg_advisory_unlock_shared(feedback_stats_lock_key())');
    const rollupStarted = performance.now();
    await sink.query(`SELECT feedback_stats_roll_forward((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`);
    log(`statistics rollup built in ${((performance.now() - rollupStarted) / 1000).toFixed(1)} s`);
    if (options.databaseUrl) {
      // Fresh rows have no visibility-map bits yet: index-only scans need a VACUUM; and fresh statistics.
      const vacuumStarted = performance.now();
      await sink.query('VACUUM (ANALYZE) "feedback_item"');
      await sink.query('VACUUM (ANALYZE) "feedback_history"');
      await sink.query('VACUUM (ANALYZE) "feedback_rating"');
      await sink.query('VACUUM (ANALYZE) "feedback_stats_daily"');
      await sink.query('VACUUM (ANALYZE) "feedback_stats_monthly"');
      await sink.query('VACUUM (ANALYZE) "feedback_stats_grid"');
      log(`vacuum and analyze in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
    }
    const seconds = (performance.now() - started) / 1000;
    log(
      `done: ${items.toLocaleString('en')} items, ${history.toLocaleString('en')} history rows, ${ratings.toLocaleString('en')} ratings in ${seconds.toFixed(1)} s (${Math.round((items + history + ratings) / seconds).toLocaleString('en')} rows/s)`,
    );
    return { items, history, ratings, seconds };
  } finally {
    await sink.close();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let options: SeedOptions;
  try {
    options = parseSeedArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seed:feedback: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    await seedFeedbackVolume(options);
  } catch (error) {
    process.stderr.write(`seed:feedback: ${(error as Error).message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
