// `npm run schema:check`: without arguments, whether the committed supergraph is fresh (compose.ts --check).
// With arguments, the check of one subgraph's proposal before it goes live (proposal-check.ts):
//   npm run schema:check -- <name> <sdl-file-or-url> [--url <endpoint>] [--operations <manifest.json>]
//                           [--registry <file>] [--allow-breaking]
// It composes the proposal with the release's subgraphs and those of the registry file, reports
// composition errors, then the breaking changes against the current supergraph and the persisted
// operations each breaks. Exit 1 on a composition error, or on a breaking change unless --allow-breaking.
// (The gateway's admin API runs the same check with the operations recorded from its traffic too.)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { composeSubgraphs, runCompose } from './compose.ts';
import type { ServiceToCompose } from './compose.ts';
import { literalFreeOperation } from './breaking-changes.ts';
import type { KnownOperation } from './breaking-changes.ts';
import { checkProposal, formatReport, passes } from './proposal-check.ts';
import { DEFAULT_REGISTRY_FILE, REPOSITORY_ROOT, SUBGRAPHS, SUPERGRAPH_FILE } from './subgraphs.ts';

const USAGE = 'usage: npm run schema:check -- <name> <sdl-file-or-url> [--url <endpoint>] [--operations <manifest.json>] [--registry <file>] [--allow-breaking]\n';

/** Read an SDL from a file or an http(s) URL (which must answer with the SDL's text). */
export async function readSdl(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
    return response.text();
  }
  return readFileSync(source, 'utf8');
}

/** The subgraphs of a registry file (gateway/registry/store.ts writes it), or none when it is absent. */
function registeredServices(file: string): ServiceToCompose[] {
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { subgraphs?: { name: string; url: string; sdl: string }[] };
  return (parsed.subgraphs ?? []).map((record) => ({ name: record.name, url: record.url, sdl: record.sdl }));
}

/** Run the check of one proposal; returns the exit code. */
export async function checkOneSubgraph(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { url: { type: 'string' }, operations: { type: 'string' }, registry: { type: 'string' }, 'allow-breaking': { type: 'boolean', default: false } },
    });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [name, source] = parsed.positionals;
  if (!name || !source || parsed.positionals.length > 2) {
    err(USAGE);
    return 2;
  }
  let sdl: string;
  try {
    sdl = await readSdl(source);
  } catch (error) {
    err(`cannot read the SDL of ${name}: ${(error as Error).message}\n`);
    return 2;
  }
  const released: ServiceToCompose[] = SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, url: subgraph.defaultUrl, sdl: readFileSync(path.join(REPOSITORY_ROOT, subgraph.sdlFile), 'utf8') }));
  const registered = registeredServices(parsed.values.registry ?? DEFAULT_REGISTRY_FILE);
  const current = [...released.filter((service) => !registered.some((record) => record.name === service.name)), ...registered];
  const before = current.find((service) => service.name === name);
  const url = parsed.values.url ?? before?.url ?? (/^https?:\/\//.test(source) ? source : `http://${name}.invalid/graphql`);
  const proposed = before ? current.map((service) => (service.name === name ? { name, url, sdl } : service)) : [...current, { name, url, sdl }];
  let currentSupergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
  if (registered.length > 0) {
    const composed = composeSubgraphs(current);
    if (!composed.ok) {
      err(`the registry's current subgraphs do not compose:\n${composed.errors.map((error) => `  - ${error}`).join('\n')}\n`);
      return 1;
    }
    currentSupergraph = composed.supergraphSdl;
  }
  const operations: KnownOperation[] = [];
  const manifest = parsed.values.operations ?? process.env['PERSISTED_OPERATIONS_FILE'];
  if (manifest) {
    const bodies = (JSON.parse(readFileSync(manifest, 'utf8')) as { operations?: { body?: unknown }[] }).operations ?? [];
    for (const { body } of bodies) {
      const normalized = typeof body === 'string' ? literalFreeOperation(body) : undefined;
      if (normalized) operations.push({ ...normalized, source: 'persisted', count: 0, lastSeen: undefined });
    }
  }
  const report = checkProposal(currentSupergraph, proposed, operations);
  const allowBreaking = parsed.values['allow-breaking'] ?? false;
  const text = formatReport(`${before ? 'The change of' : 'The new subgraph'} ${name}`, report);
  if (passes(report, allowBreaking)) {
    out(text + (report.breaking.length > 0 ? 'Breaking changes allowed (--allow-breaking).\n' : ''));
    return 0;
  }
  err(text + (report.composes ? 'Refused: breaking changes (pass --allow-breaking once the clients above are ready).\n' : ''));
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
  process.exit(process.argv.length > 2 ? await checkOneSubgraph(process.argv.slice(2), write(process.stdout), write(process.stderr)) : runCompose('--check'));
}
