// `npm start`: the whole hub on one machine — the embedded identity provider, the four subgraphs and
// the gateway, each its own process — then prints where everything is. Ctrl-C stops them all.
// Every process reads its own configuration from the environment this one was started with.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../auth/demo-realm.ts';
import { pgliteTemplateFor, preparePgliteTemplate } from '../subgraphs/kit/db.ts';
import { REPOSITORY_ROOT } from '../schema/subgraphs.ts';

interface Service {
  readonly name: string;
  readonly entry: string;
  /** URL that answers 200 once the service is ready. */
  readonly readyUrl: string;
  readonly showUrl: string;
}

const env = process.env;
const host = (key: string) => env[`${key}_HOST`] ?? '127.0.0.1';
const port = (key: string, fallback: number) => Number(env[`${key}_PORT`] ?? fallback);
const idpUrl = `http://${host('IDP')}:${port('IDP', 4100)}`;
const gatewayUrl = `http://${host('GATEWAY')}:${port('GATEWAY', 4000)}`;
const subgraphUrl = (name: string, fallback: number) => `http://${host(name.toUpperCase())}:${port(name.toUpperCase(), fallback)}`;

const SERVICES: readonly Service[] = [
  { name: 'idp', entry: 'auth/idp-main.ts', readyUrl: `${idpUrl}/realms/${DEMO_REALM}/.well-known/openid-configuration`, showUrl: `${idpUrl}/realms/${DEMO_REALM}` },
  ...(['feedback', 'dossier', 'planning', 'notification'] as const).map((name, index) => {
    const url = subgraphUrl(name, 4001 + index);
    return { name, entry: `subgraphs/${name}/main.ts`, readyUrl: `${url}/health/ready`, showUrl: `${url}/graphql` };
  }),
  { name: 'gateway', entry: 'gateway/main.ts', readyUrl: `${gatewayUrl}/health/ready`, showUrl: `${gatewayUrl}/graphql` },
];

const children = new Map<string, ChildProcess>();
let stopping = false;

function startService(service: Service): void {
  const child = spawn(process.execPath, [path.join(REPOSITORY_ROOT, service.entry)], {
    cwd: REPOSITORY_ROOT,
    env: { ...env, OIDC_ISSUER: env['OIDC_ISSUER'] ?? `${idpUrl}/realms/${DEMO_REALM}`, INTERNAL_JWKS_URL: env['INTERNAL_JWKS_URL'] ?? `${gatewayUrl}/.well-known/jwks.json` },
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

async function waitUntilReady(service: Service, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(service.readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.name} was not ready within the start-up limit`);
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  const exits = [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  for (const child of children.values()) child.kill('SIGKILL');
  process.exit(code);
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

const started = Date.now();
// A blank PGlite cluster, made once, lets each new embedded database start in under a second.
await preparePgliteTemplate(pgliteTemplateFor(env['DATA_DIR'] ?? 'data'));
for (const service of SERVICES) startService(service);
try {
  await Promise.all(SERVICES.map((service) => waitUntilReady(service, started + 120_000)));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  await stopAll(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const citizens = DEMO_ACCOUNTS.map((account) => `    ${account.username.padEnd(12)} ${account.roles.join(',').padEnd(8)} VNeID level ${account.level}${account.unit ? `, unit ${account.unit}` : ''}`);
process.stdout.write(`
Liên Thông is ready in ${seconds} s.

  gateway (GraphQL)    ${gatewayUrl}/graphql
  GraphiQL             ${gatewayUrl}/graphiql
  identity provider    ${idpUrl}/realms/${DEMO_REALM}
${SERVICES.filter((service) => !['idp', 'gateway'].includes(service.name))
  .map((service) => `  ${`subgraph ${service.name}`.padEnd(20)} ${service.showUrl}`)
  .join('\n')}

  demo accounts (password "demo"):
${citizens.join('\n')}
  partner client: ${DEMO_CLIENTS.filter((client) => client.clientSecret).map((client) => `${client.clientId} / ${client.clientSecret}`).join(', ')} (client_credentials)

  Data: ${path.resolve(env['DATA_DIR'] ?? 'data')} (embedded PGlite; set <SUBGRAPH>_DATABASE_URL for PostgreSQL). Ctrl-C stops everything.
`);
