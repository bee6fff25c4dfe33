// `npm run build` (also run by `npm ci` through `prepare`, by `npm start` and by the benchmark): the
// gateway as plain JavaScript in build/, which production starts run (`node build/gateway/main.js`).
// Node runs TypeScript by stripping the types as it loads each file, but its stripper (WebAssembly) then
// stays in the process: about 13 MB of resident memory in a gateway whose budget is 200 MB under load.
// Here Node's own stripper runs once, ahead of time (module.stripTypeScriptTypes, strip mode: types become
// blanks, so every line and column of a stack trace is the source's), relative `.ts` specifiers become
// `.js` (same length), and the files a module reads beside itself (`new URL('./x', import.meta.url)`) are
// copied. Only what the entry points import is built, following their relative imports. Sources and
// tests keep running as TypeScript; nothing here is committed.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { BUILD_DIR, builtName, REPOSITORY_ROOT } from '../schema/subgraphs.ts';

/** The entry points built, as the repository-relative paths of their sources. */
export const BUILT_ENTRIES = ['gateway/main.ts'] as const;

// Relative module specifiers after `from` or `import(`: static, re-exported and dynamic imports.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]+)\1/g;
// Files read beside a module.
const BESIDE = /new URL\(\s*(['"])(\.{1,2}\/[^'"\n]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Build every entry point into `outDir` (build/ unless told; emptied first), which must be inside the
 * repository (the built code finds the repository's root as the nearest folder with a package.json).
 * Returns the number of files written.
 */
export function build(outDir: string = BUILD_DIR): number {
  if (path.relative(REPOSITORY_ROOT, outDir).startsWith('..')) throw new Error(`${outDir}: a build goes inside the repository`);
  rmSync(outDir, { recursive: true, force: true });
  // Node marks stripTypeScriptTypes experimental and says so once per process: not news to whoever builds.
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning instanceof Error ? warning.message : warning).includes('stripTypeScriptTypes')) Reflect.apply(emitWarning, process, [warning, ...rest]);
  };
  try {
    return buildFrom(
      BUILT_ENTRIES.map((entry) => path.join(REPOSITORY_ROOT, entry)),
      outDir,
    );
  } finally {
    process.emitWarning = emitWarning;
  }
}

function buildFrom(entries: readonly string[], outDir: string): number {
  const done = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const source = queue.shift() as string;
    if (done.has(source)) continue;
    done.add(source);
    const relative = path.relative(REPOSITORY_ROOT, source);
    if (relative.startsWith('..') || relative.split(path.sep).includes('node_modules')) throw new Error(`${relative}: only the repository's own files are built`);
    const target = path.join(outDir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    if (!source.endsWith('.ts')) {
      copyFileSync(source, target);
      if (!/\.m?js$/.test(source)) continue;
    }
    const text = readFileSync(source, 'utf8');
    const code = source.endsWith('.ts') ? stripTypeScriptTypes(text, { mode: 'strip' }) : text;
    for (const [, , specifier] of code.matchAll(IMPORT)) queue.push(path.resolve(path.dirname(source), specifier as string));
    for (const [, , file] of code.matchAll(BESIDE)) queue.push(path.resolve(path.dirname(source), file as string));
    if (source.endsWith('.ts')) {
      const javascript = code.replace(IMPORT, (match: string, _quote: string, specifier: string) => match.replace(specifier, builtName(specifier)));
      writeFileSync(builtName(target), javascript);
    }
  }
  return done.size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const files = build();
  process.stdout.write(`built ${files} files into ${path.relative(process.cwd(), BUILD_DIR) || '.'} in ${Math.round(performance.now() - started)} ms\n`);
}
