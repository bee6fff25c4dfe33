// The licences of the production dependency closure against licences.allow.json: nothing
// Elastic-licensed (or otherwise denied, or unlisted) may be installed by `npm ci --omit=dev`.
//   node scripts/licence-check.ts   (exit 1 and one line per offending package; test/unit/scripts/licence-check.test.ts runs it)
// The closure is walked from package.json's dependencies through package-lock.json with node's
// resolution rules, so it is deterministic, fast, and independent of how node_modules is linked.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of a package.json the walk reads. */
export interface Manifest {
  readonly name?: string;
  readonly license?: unknown;
  readonly licenses?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** One entry of package-lock.json's `packages` (lockfile v2/v3). */
export interface LockEntry extends Manifest {
  readonly version?: string;
  readonly link?: boolean;
  readonly resolved?: string;
}

/** The allow-list: licence ids allowed and denied, each with its one-line reason. */
export interface LicencePolicy {
  readonly allowed: Readonly<Record<string, string>>;
  readonly denied: Readonly<Record<string, string>>;
}

/** A production package whose licence is denied or not allowed. */
export interface LicenceViolation {
  readonly name: string;
  readonly version: string;
  readonly licence: string;
  /** Why: denied (with the policy's reason), not on the allow-list, or no licence declared. */
  readonly reason: string;
  /** The dependency path from the root that pulls it in, e.g. ["@apollo/gateway", "@apollo/query-planner"]. */
  readonly via: readonly string[];
}

/** Inputs of `checkLicences`, injectable so a test can check a rearranged manifest or lock. */
export interface LicenceCheckInput {
  readonly manifest: Manifest;
  readonly lockPackages: Readonly<Record<string, LockEntry>>;
  readonly policy: LicencePolicy;
  /** The installed package.json at a lock path (`node_modules/x`), or undefined when not installed. */
  readonly readInstalled: (lockPath: string) => Manifest | undefined;
}

/** A package of the production closure and the first path found to it. */
interface Reached {
  readonly lockPath: string;
  readonly via: readonly string[];
}

/** The lock path a dependency resolves to from a package at `from` ('' = root), following node's lookup. */
function resolveDependency(lockPackages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (Object.hasOwn(lockPackages, candidate)) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Every package `npm ci --omit=dev` installs, with the dependency path that pulls it in. */
export function productionClosure(manifest: Manifest, lockPackages: Readonly<Record<string, LockEntry>>): Reached[] {
  const reached = new Map<string, Reached>();
  const queue: { from: string; entry: Manifest; via: readonly string[] }[] = [{ from: '', entry: manifest, via: [] }];
  while (queue.length > 0) {
    const { from, entry, via } = queue.shift() as (typeof queue)[number];
    const required = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
    for (const name of Object.keys(required).sort()) {
      let lockPath = resolveDependency(lockPackages, from, name);
      if (lockPath === undefined) continue; // an optional or peer dependency npm did not install
      const locked = lockPackages[lockPath] as LockEntry;
      if (locked.link === true && locked.resolved !== undefined) lockPath = locked.resolved;
      if (reached.has(lockPath)) continue;
      const next = { lockPath, via: [...via, name] };
      reached.set(lockPath, next);
      queue.push({ from: lockPath, entry: lockPackages[lockPath] ?? locked, via: next.via });
    }
  }
  return [...reached.values()];
}

/** The licence a package.json declares, as an SPDX expression ('' when none): `license`, or old `licenses` arrays. */
export function declaredLicence(manifest: Manifest | undefined): string {
  const typeOf = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') return (value as { type: string }).type;
    return undefined;
  };
  const single = typeOf(manifest?.license);
  if (single !== undefined) return single.trim();
  if (Array.isArray(manifest?.licenses)) {
    // An old `licenses` array offered a choice of licences.
    const ids = (manifest.licenses as unknown[]).flatMap((item) => typeOf(item) ?? []);
    if (ids.length > 0) return ids.length === 1 ? (ids[0] as string) : `(${ids.join(' OR ')})`;
  }
  const old = typeOf(manifest?.licenses);
  return old?.trim() ?? '';
}

type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Judge an SPDX expression: OR is acceptable when one alternative is (we take that one), AND when
 * every part is; `WITH <exception>` and a trailing `+` are judged by the licence itself. Operators are
 * matched case-insensitively (some packages write "MIT and ISC").
 */
export function judgeLicence(expression: string, policy: LicencePolicy): Verdict {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  let malformed = false;
  const peek = () => tokens[position];
  const isOperator = (token: string | undefined, operator: string) => token !== undefined && token.toUpperCase() === operator;

  const licence = (): Verdict => {
    const token = peek();
    if (token === '(') {
      position += 1;
      const inner = or();
      if (peek() !== ')') malformed = true;
      position += 1;
      return inner;
    }
    if (token === undefined || token === ')' || isOperator(token, 'AND') || isOperator(token, 'OR')) {
      malformed = true;
      return { ok: false, reason: 'malformed' };
    }
    position += 1;
    if (isOperator(peek(), 'WITH')) position += 2;
    const id = token.replace(/\+$/, '');
    const denied = Object.keys(policy.denied).find((item) => item.toLowerCase() === id.toLowerCase());
    if (denied !== undefined) return { ok: false, reason: `${denied} is denied: ${policy.denied[denied]}` };
    if (Object.keys(policy.allowed).some((item) => item.toLowerCase() === id.toLowerCase())) return { ok: true };
    return { ok: false, reason: `${id} is not on the allow-list (licences.allow.json)` };
  };
  const and = (): Verdict => {
    let verdict = licence();
    while (isOperator(peek(), 'AND')) {
      position += 1;
      const next = licence();
      if (verdict.ok) verdict = next;
    }
    return verdict;
  };
  const or = (): Verdict => {
    let verdict = and();
    while (isOperator(peek(), 'OR')) {
      position += 1;
      const next = and();
      if (!verdict.ok) verdict = next;
    }
    return verdict;
  };

  if (tokens.length === 0) return { ok: false, reason: 'no licence declared' };
  const verdict = or();
  if (malformed || position !== tokens.length) return { ok: false, reason: `unreadable licence expression "${expression}"` };
  return verdict;
}

/** The lock path's package name (`node_modules/a/node_modules/@s/b` → `@s/b`). */
function packageName(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** Every production package whose licence is denied, unlisted or missing. */
export function checkLicences(input: LicenceCheckInput): LicenceViolation[] {
  const violations: LicenceViolation[] = [];
  for (const { lockPath, via } of productionClosure(input.manifest, input.lockPackages)) {
    const locked = input.lockPackages[lockPath];
    const installed = input.readInstalled(lockPath);
    // The installed package.json is what ships; the lock's copy covers packages for other platforms.
    const licence = declaredLicence(installed) || declaredLicence(locked);
    const verdict = judgeLicence(licence, input.policy);
    if (verdict.ok) continue;
    violations.push({ name: installed?.name ?? packageName(lockPath), version: locked?.version ?? '?', licence: licence || '(none)', reason: verdict.reason, via });
  }
  return violations.sort((a, b) => a.name.localeCompare(b.name));
}

/** The repository root. */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The check's inputs as this repository has them: package.json, package-lock.json, node_modules, licences.allow.json. */
export function repositoryInput(root = REPOSITORY_ROOT): LicenceCheckInput {
  const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as unknown;
  const lock = readJson('package-lock.json') as { packages?: Record<string, LockEntry> };
  const policy = readJson('licences.allow.json') as LicencePolicy;
  return {
    manifest: readJson('package.json') as Manifest,
    lockPackages: lock.packages ?? {},
    policy: { allowed: policy.allowed, denied: policy.denied },
    readInstalled: (lockPath) => {
      const file = path.join(root, lockPath, 'package.json');
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
    },
  };
}

/** One line per violation: the package, its licence, why, and what pulls it in. */
export function describeViolation(violation: LicenceViolation): string {
  return `${violation.name}@${violation.version} (${violation.licence}): ${violation.reason}; pulled in by ${violation.via.join(' > ')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const violations = checkLicences(repositoryInput());
  for (const violation of violations) process.stderr.write(`${describeViolation(violation)}\n`);
  process.stdout.write(violations.length === 0 ? 'production dependencies: every licence is allowed\n' : `${violations.length} production package(s) with a licence outside licences.allow.json\n`);
  process.exit(violations.length === 0 ? 0 : 1);
}
