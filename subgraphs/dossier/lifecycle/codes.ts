// Dossier codes '<agency-code>-<YYMMDD>-<seq>' (e.g. 000.00.12.H29-261206-0001): the receiving agency,
// the day of receipt in Việt Nam time, and a sequence per agency and day of at least four digits. The
// sequence lives in dossier_code_sequence, bumped by one upsert so concurrent receipts never share a
// number; a code an agency brings from its own system moves the sequence past it.
import { vietnamDate } from '../../../platform/vietnam-time.ts';

/** The parts of a dossier code. */
export interface DossierCodeParts {
  readonly agencyCode: string;
  /** YYMMDD. */
  readonly day: string;
  readonly seq: number;
}

/** An agency code as the one-stop systems write it: digits, capitals and dots (e.g. 000.00.12.H29, G01.BTP). */
export const AGENCY_CODE = /^[0-9A-Z][0-9A-Z.]{1,39}$/;
const CODE = /^([0-9A-Z][0-9A-Z.]{1,39})-(\d{2})(\d{2})(\d{2})-(\d{4,7})$/;

/** The parts of `code`, or undefined when it is not a dossier code (a real calendar day included). */
export function parseDossierCode(code: string): DossierCodeParts | undefined {
  const match = CODE.exec(code);
  if (!match) return undefined;
  const [, agencyCode, yy, mm, dd, seq] = match as unknown as [string, string, string, string, string, string];
  const date = new Date(Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return undefined;
  return { agencyCode, day: `${yy}${mm}${dd}`, seq: Number(seq) };
}

/** YYMMDD of `instant` in Việt Nam time (UTC+7, no daylight saving). */
export function codeDay(instant: Date): string {
  return vietnamDate(instant).slice(2).replaceAll('-', '');
}

/** The code for `parts` (the sequence zero-padded to four digits). */
export function formatDossierCode(parts: DossierCodeParts): string {
  return `${parts.agencyCode}-${parts.day}-${String(parts.seq).padStart(4, '0')}`;
}

/** Raw SQL on a Prisma transaction client. */
interface RawSql {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** The next code of `agencyCode` for a dossier received at `receivedAt`, inside the caller's transaction. */
export async function nextDossierCode(tx: RawSql, agencyCode: string, receivedAt: Date): Promise<string> {
  const [code] = await nextDossierCodes(tx, agencyCode, codeDay(receivedAt), 1);
  return code as string;
}

/** The next `count` codes of `agencyCode` on `day` (YYMMDD), taken at once, inside the caller's transaction. */
export async function nextDossierCodes(tx: RawSql, agencyCode: string, day: string, count: number): Promise<string[]> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "dossier_code_sequence" ("agency_code", "day", "last") VALUES (${agencyCode}, ${day}, ${count})
    ON CONFLICT ("agency_code", "day") DO UPDATE SET "last" = "dossier_code_sequence"."last" + ${count}
    RETURNING "last"`;
  const last = Number(row?.last);
  return Array.from({ length: count }, (_, index) => formatDossierCode({ agencyCode, day, seq: last - count + 1 + index }));
}

/** Move the sequence of a code brought from elsewhere past it, so the hub never hands out the same code. */
export async function noteDossierCode(tx: RawSql, parts: DossierCodeParts): Promise<void> {
  await noteDossierCodes(tx, [parts]);
}

/** noteDossierCode for many codes in one statement (each agency and day moved past its highest). */
export async function noteDossierCodes(tx: RawSql, codes: readonly DossierCodeParts[]): Promise<void> {
  const highest = new Map<string, DossierCodeParts>();
  for (const parts of codes) {
    const key = `${parts.agencyCode}\0${parts.day}`;
    if ((highest.get(key)?.seq ?? -1) < parts.seq) highest.set(key, parts);
  }
  if (highest.size === 0) return;
  const rows = [...highest.values()];
  await tx.$queryRaw`
    INSERT INTO "dossier_code_sequence" ("agency_code", "day", "last")
    SELECT * FROM unnest(${rows.map((parts) => parts.agencyCode)}::text[], ${rows.map((parts) => parts.day)}::text[], ${rows.map((parts) => parts.seq)}::int[])
    ON CONFLICT ("agency_code", "day") DO UPDATE SET "last" = GREATEST("dossier_code_sequence"."last", EXCLUDED."last")`;
}
