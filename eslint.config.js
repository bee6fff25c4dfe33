// ESLint, type-aware (typescript-eslint's project service reads tsconfig.json), and the layer map of the
// repository: which folder may import which. `npm run lint` runs it; `npm run typecheck` stays apart.
//
// The layers, bottom up (an arrow points from importer to imported; `schema/` is shared facts):
//
//   platform/  ←  auth/  ←  gateway/
//                   ↑
//              subgraphs/kit/  ←  subgraphs/<name>/        (a subgraph never imports another one)
//   platform/  ←  web/  → auth/access-token.ts, auth/demo-realm.ts only (logout tokens, the realm)
//   schema/errors.ts, schema/subgraphs.ts: readable from every layer; schema/ imports nothing of ours
//   (platform/ may read the error catalogue, nothing else in schema/)
//   testing/ (the one shared harness)  ←  test/, bench/, scripts/   — which never import each other,
//   except that a test may import the script it tests; nothing in the product imports any of the four.
//   subgraphs/hosted.ts (every subgraph's builder) is for scripts/, testing/, test/ and bench/ only.
//   examples/ (other stacks joining the hub) import nothing of ours; only test/ imports them.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

// Every subgraph folder (the kit is not one): new subgraphs are covered without editing this file.
const SUBGRAPHS = readdirSync(new URL('./subgraphs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
  .map((entry) => entry.name);

const HARNESS = ['./testing', './test', './bench', './scripts'];

// The Node globals the plain JavaScript files use (TypeScript files get theirs from @types/node).
const NODE_GLOBALS = Object.fromEntries(['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'AbortSignal'].map((name) => [name, 'readonly']));

/** A zone for import-x/no-restricted-paths: files under `target` may not import from `from`. */
function zone(target, from, message, except) {
  return { target, from, message, ...(except === undefined ? {} : { except }) };
}

const LAYER_ZONES = [
  // platform/: what every process needs; it knows nothing above it.
  zone('./platform', ['./auth', './gateway', './subgraphs', './web', ...HARNESS], 'platform/ imports nothing above it.'),
  zone('./platform', './schema', 'platform/ may read the error catalogue (schema/errors.ts) and nothing else in schema/.', ['./errors.ts']),
  // schema/: shared facts (error catalogue, subgraph list) and the composition tool; it imports nothing of ours.
  zone('./schema', ['./platform', './auth', './gateway', './subgraphs', './web', ...HARNESS], 'schema/ holds shared facts and imports nothing outside schema/.'),
  // auth/: below the gateway and the subgraphs.
  zone('./auth', ['./gateway', './subgraphs', './web', ...HARNESS], 'auth/ imports only platform/ and schema/.'),
  // gateway/: talks to subgraphs over HTTP only.
  zone('./gateway', ['./subgraphs', './web', ...HARNESS], 'the gateway never imports subgraphs/ or web/: it talks to them over HTTP.'),
  // subgraphs/kit/: what subgraphs share; no subgraph, no hosted list.
  zone('./subgraphs/kit', './subgraphs', 'subgraphs/kit/ is below every subgraph: it imports none of them (nor subgraphs/hosted.ts).', ['./kit']),
  // A subgraph imports the kit and itself, never another subgraph (nor the hosted list).
  ...SUBGRAPHS.map((name) =>
    zone(`./subgraphs/${name}`, './subgraphs', `a subgraph never imports another subgraph: subgraphs/${name}/ may import subgraphs/kit/ and itself only.`, ['./kit', `./${name}`]),
  ),
  zone('./subgraphs', ['./gateway', './web', ...HARNESS], 'subgraphs/ import platform/, auth/ and schema/ only.'),
  // web/: the portals reach the API over HTTP; from auth/ only token verification and the realm's description.
  zone('./web', ['./gateway', './subgraphs', ...HARNESS], 'web/ talks to the gateway over HTTP only.'),
  zone('./web', './auth', 'web/ may import from auth/ only access-token.ts (logout token verification) and demo-realm.ts.', ['./access-token.ts', './demo-realm.ts']),
  // examples/: other stacks joining the hub (docs/agencies.md); they follow the written contract, never our code.
  zone('./examples', ['./platform', './auth', './gateway', './subgraphs', './schema', './web', ...HARNESS], 'examples/ stand for agencies in other stacks: they import no code of this repository.'),
  zone(['./platform', './auth', './gateway', './subgraphs', './schema', './web', './testing', './bench', './scripts'], './examples', 'only test/ starts the examples.'),
  // The harness: testing/ is shared by test/, bench/ and scripts/, which never import each other's files.
  zone('./testing', ['./test', './bench', './scripts'], 'testing/ is the shared harness: it imports no test, benchmark or script.'),
  zone('./test', './bench', 'test/ shares helpers with bench/ only through testing/.'),
  zone('./bench', ['./test', './scripts'], 'bench/ shares helpers with test/ and scripts/ only through testing/.'),
  zone('./scripts', ['./test', './bench'], 'scripts/ share helpers with test/ and bench/ only through testing/.'),
];

export default defineConfig(
  {
    ignores: ['**/node_modules/**', 'subgraphs/*/prisma/generated/**', 'data/**', '.cache/**', 'build/**', 'bench/results/**'],
  },
  js.configs.recommended,
  // recommendedTypeChecked, not strictTypeChecked: strict adds ~700 findings that are style more than
  // bugs here (non-null assertions after checks the compiler cannot follow, numbers in template strings)
  // and one of its rules (no-unsafe-class-instance-assignment) overflows the stack on gateway/limits.ts.
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      // The layer map above.
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: LAYER_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': ['error', { 'prefer-inline': false }],

      // Habits the style guide asks for (graphql-js, Hive Gateway).
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // node:test's describe/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'suite', 'test', 'it'] }] }],
      // Off: an async function without await is how Fastify handlers and hooks, and methods that implement
      // a Promise-returning interface, are written here; dropping `async` would turn a throw into a
      // synchronous throw that those callers do not expect.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Off: matching control characters is deliberate here (input bounds, header and path checks refuse
      // them); the rule exists to catch accidental ones, which the type check and tests would show.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Plain JavaScript (the benchmark's peer gateways, this file): not in tsconfig.json, so no type information.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: NODE_GLOBALS },
  },
  // The planner's child process is plain JavaScript (no TypeScript stripper in that process), outside the
  // TypeScript project: lint it without type information.
  { files: ['**/*.mjs'], extends: [tseslint.configs.disableTypeChecked], languageOptions: { globals: NODE_GLOBALS, parserOptions: { projectService: false } } },
);
