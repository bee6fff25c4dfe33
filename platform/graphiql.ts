// GraphiQL served by the process itself (the gateway's /graphiql, the staff workspace's for platform
// admins): graphiql 3.8.3's prebuilt bundle with React 18.3.1's UMD builds, read from node_modules at
// start and served from the same origin, never from a CDN — a city network often reaches no CDN, and the
// page's content security policy allows scripts, styles and fetches from this origin only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { escapeHtml } from './html.ts';

/** One file GraphiQL's page loads. */
export interface GraphiqlAsset {
  readonly type: string;
  readonly body: Buffer;
}

/** The page's policy: scripts, styles, fetches and fonts from this origin only (styles inline: GraphiQL sets them). */
export const GRAPHIQL_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The bundles by file name (served under the page's asset path), read once. */
export function loadGraphiqlAssets(): ReadonlyMap<string, GraphiqlAsset> {
  const require = createRequire(import.meta.url);
  // By path inside each package: the UMD builds and the bundle are not in the packages' "exports".
  const fromPackage = (name: string, file: string) => readFileSync(path.join(path.dirname(require.resolve(`${name}/package.json`)), file));
  const script = 'text/javascript; charset=utf-8';
  return new Map([
    ['react.production.min.js', { type: script, body: fromPackage('react', 'umd/react.production.min.js') }],
    ['react-dom.production.min.js', { type: script, body: fromPackage('react-dom', 'umd/react-dom.production.min.js') }],
    ['graphiql.min.js', { type: script, body: fromPackage('graphiql', 'graphiql.min.js') }],
    ['graphiql.min.css', { type: 'text/css; charset=utf-8', body: fromPackage('graphiql', 'graphiql.min.css') }],
    ['graphiql-start.js', { type: script, body: readFileSync(new URL('./assets/graphiql-start.js', import.meta.url)) }],
  ]);
}

/** What the page needs: where its assets and the GraphQL endpoint are, and a CSRF token the start script sends as `x-csrf-token`. */
export interface GraphiqlPage {
  /** Path the assets are served under, e.g. `/graphiql/assets`. */
  readonly assetBase: string;
  /** Where queries go (same origin). */
  readonly endpoint: string;
  readonly csrf?: string;
  /** Shown under the editor's title (plain text). */
  readonly title?: string;
}

const DEFAULT_QUERY =
  '# Public: the procedure catalogue\n{ procedures(first: 5) { code name field processingDays } }\n\n# Signed in (add {"Authorization": "Bearer <access token>"} under Headers):\n# { me { feedback { code status } dossiers { code status } notifications { title read } } }\n';

/** The GraphiQL page: no inline script (the start script reads its settings from the body's data attributes). */
export function renderGraphiql(page: GraphiqlPage): string {
  const base = escapeHtml(page.assetBase);
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(page.title ?? 'Liên Thông — GraphiQL')}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <link rel="stylesheet" href="${base}/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body data-endpoint="${escapeHtml(page.endpoint)}" data-default-query="${escapeHtml(DEFAULT_QUERY)}"${page.csrf ? ` data-csrf="${escapeHtml(page.csrf)}"` : ''}>
  <div id="graphiql">Đang tải GraphiQL… (Loading GraphiQL…)</div>
  <script src="${base}/react.production.min.js"></script>
  <script src="${base}/react-dom.production.min.js"></script>
  <script src="${base}/graphiql.min.js"></script>
  <script src="${base}/graphiql-start.js"></script>
</body>
</html>`;
}
