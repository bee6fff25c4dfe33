// `npm start`: the whole hub on one machine — the embedded identity provider, the four subgraphs, the
// gateway, the two portals and the staff workspace — then prints where everything is. Ctrl-C stops them all.
// Every process reads its own configuration from the environment this one was started with.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../auth/demo-realm.ts';
import { GATEWAY_NODE_FLAGS } from '../gateway/node-flags.ts';
import { pgliteTemplateFor, preparePgliteTemplate } from '../subgraphs/kit/db.ts';
import { builtEntry, REPOSITORY_ROOT, SUBGRAPHS } from '../schema/subgraphs.ts';
import { build } from './build.ts';

const env = process.env;
const host = (key: string) => env[`${key}_HOST`] ?? '127.0.0.1';
const port = (key: string, fallback: number) => Number(env[`${key}_PORT`] ?? fallback);
const idpUrl = `http://${host('IDP')}:${port('IDP', 4100)}`;
const gatewayUrl = `http://${host('GATEWAY')}:${port('GATEWAY', 4000)}`;
const portal1022Url = env['PORTAL_1022_PUBLIC_URL'] ?? `http://${host('PORTAL')}:${port('PORTAL_1022', 4010)}`;
const portalDvcUrl = env['PORTAL_DVC_PUBLIC_URL'] ?? `http://${host('PORTAL')}:${port('PORTAL_DVC', 4020)}`;
const workspaceUrl = env['WORKSPACE_PUBLIC_URL'] ?? `http://${host('WORKSPACE')}:${port('WORKSPACE', 4030)}`;

/** A process the launcher starts, and the URLs that answer once it is ready. */
interface Process {
  readonly name: string;
  /** The file node runs: relative to the repository, or absolute. */
  readonly entry: string;
  /** Flags for node itself, before the entry file. */
  readonly nodeFlags?: readonly string[];
  readonly readyUrls: readonly string[];
}

const subgraphUrls = SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, url: `http://${host(subgraph.envPrefix)}:${port(subgraph.envPrefix, subgraph.defaultPort)}` }));
const PROCESSES: readonly Process[] = [
  { name: 'idp', entry: 'auth/idp-main.ts', readyUrls: [`${idpUrl}/realms/${DEMO_REALM}/.well-known/openid-configuration`] },
  // The four subgraphs share one development process (see scripts/subgraphs-dev.ts); each keeps its own port and database.
  { name: 'subgraphs', entry: 'scripts/subgraphs-dev.ts', readyUrls: subgraphUrls.map(({ url }) => `${url}/health/ready`) },
  // Built to JavaScript first (scripts/build.ts) and with node's flags from gateway/node-flags.ts, as the
  // Kubernetes manifest starts it.
  { name: 'gateway', entry: builtEntry('gateway/main.ts'), nodeFlags: GATEWAY_NODE_FLAGS, readyUrls: [`${gatewayUrl}/health/ready`] },
  // Both portals in one process (web/portal/main.ts): they share all their code and libraries, so one
  // process starts faster and uses half the memory; each keeps its own port, OIDC client and sessions.
  { name: 'portals', entry: 'web/portal/main.ts', readyUrls: [`${portal1022Url}/health/live`, `${portalDvcUrl}/health/live`] },
  // The staff workspace: its own process (another OIDC client, deployed and scaled apart from the citizens' portals).
  { name: 'workspace', entry: 'web/workspace/main.ts', readyUrls: [`${workspaceUrl}/health/live`] },
];

const children = new Map<string, ChildProcess>();
let stopping = false;

function startProcess(service: Process): void {
  const child = spawn(process.execPath, [...(service.nodeFlags ?? []), path.resolve(REPOSITORY_ROOT, service.entry)], {
    cwd: REPOSITORY_ROOT,
    // V8's on-disk compile cache makes later starts of the processes noticeably faster.
    env: {
      NODE_COMPILE_CACHE: path.join(REPOSITORY_ROOT, '.cache', 'node-compile'),
      ...env,
      OIDC_ISSUER: env['OIDC_ISSUER'] ?? `${idpUrl}/realms/${DEMO_REALM}`,
      INTERNAL_JWKS_URL: env['INTERNAL_JWKS_URL'] ?? `${gatewayUrl}/.well-known/jwks.json`,
      GATEWAY_URL: env['GATEWAY_URL'] ?? gatewayUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(service.name, child);
  const label = service.name.padEnd(12);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${label}| ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      process.stderr.write(`${service.name} exited (${signal ?? code}); stopping the hub.\n`);
      void stopAll(1);
    }
  });
}

async function waitUntilReady(name: string, url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready within the start-up limit (${url})`);
}

// Long enough for a drain and the grace period (SHUTDOWN_DRAIN_MS + SHUTDOWN_GRACE_MS: 0 + 10 s here,
// 5 + 10 s with NODE_ENV=production); a second Ctrl-C ends everything at once.
const STOP_LIMIT_MS = 20_000;

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  const exits = [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, STOP_LIMIT_MS))]);
  killAll();
  process.exit(code);
}

function killAll(): void {
  for (const child of children.values()) child.kill('SIGKILL');
}

process.on('SIGINT', () => {
  if (stopping) {
    killAll();
    process.exit(130);
  }
  void stopAll(0);
});
process.once('SIGTERM', () => void stopAll(0));

const started = Date.now();
// A blank PGlite cluster, made once, lets each new embedded database start in under a second.
await preparePgliteTemplate(pgliteTemplateFor(env['DATA_DIR'] ?? 'data'));
// The gateway runs from its JavaScript build, made afresh from the sources at every start (under a second).
build();
for (const service of PROCESSES) startProcess(service);
try {
  await Promise.all(PROCESSES.flatMap((service) => service.readyUrls.map((url) => waitUntilReady(service.name, url, started + 120_000))));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  await stopAll(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const citizens = DEMO_ACCOUNTS.map((account) => `    ${account.username.padEnd(12)} ${account.roles.join(',').padEnd(8)} VNeID level ${account.level}${account.unit ? `, unit ${account.unit}` : ''}`);
process.stdout.write(`
Liên Thông is ready in ${seconds} s.

  Cổng 1022 (feedback)   ${portal1022Url}/
  Cổng dịch vụ công      ${portalDvcUrl}/
  staff workspace        ${workspaceUrl}/
  gateway (GraphQL)      ${gatewayUrl}/graphql
  GraphiQL               ${gatewayUrl}/graphiql
  identity provider      ${idpUrl}/realms/${DEMO_REALM}
${subgraphUrls.map(({ name, url }) => `  ${`subgraph ${name}`.padEnd(23)}${url}/graphql`).join('\n')}

  demo accounts (password "demo"; the username/password form signs in at VNeID level 1,
  the "Đăng nhập bằng VNeID" button (simulated broker) at the account's level):
${citizens.join('\n')}
  partner client: ${DEMO_CLIENTS.filter((client) => client.clientSecret)
    .map((client) => `${client.clientId} / ${client.clientSecret}`)
    .join(', ')} (client_credentials)

  Data: ${path.resolve(env['DATA_DIR'] ?? 'data')} (embedded PGlite; set <SUBGRAPH>_DATABASE_URL for PostgreSQL). Ctrl-C stops everything.
`);
