// The two benchmark scenarios (their subgraphs, the request, how a correct answer looks) and the
// gateways that can run in each, with how to start them.
import { deepStrictEqual } from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { viewerFromAccessToken } from '../auth/access-token.ts';
import { API_AUDIENCE, API_SCOPES } from '../auth/demo-realm.ts';
import { generateInternalSigningKey } from '../auth/internal-token.ts';
import { composeSubgraphs } from '../schema/compose.ts';
import { builtEntry, SUBGRAPHS } from '../schema/subgraphs.ts';
import { loginWithPkce } from '../testing/oidc-login.ts';
import { withoutAuthorizationFeatures } from '../testing/peer-supergraph.ts';
import { BENCH_CLIENT_ID, BENCH_REDIRECT_URI } from './common.ts';
import type { LoadRequest } from './common.ts';
import { GUILD_SUBGRAPH_NAMES, guildExpectedData, guildSubgraphSdl } from '../testing/guild-subgraphs.ts';
import { spawnNode, stopProcess, waitForMessage } from './proc.ts';
import type { Tracked } from './proc.ts';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const PEERS_DIR = path.join(BENCH_DIR, 'peers');
export const MERCURIUS_DIR = path.join(BENCH_DIR, 'peers-mercurius');

/** The core the gateway under test runs on; everything else (load, subgraphs, IdP) runs on the other. */
export const GATEWAY_CORE = 0;
export const LOAD_CORE = 1;

/** `ceiling` is no gateway: a bare node:http server returning the expected body (ceiling-server.ts). */
export type GatewayKind = 'ours' | 'apollo' | 'hive' | 'hive-rust' | 'mercurius' | 'ceiling';
/** The gateways `--gateways` can name (the ceiling is added to the guild scenario unless --no-ceiling). */
export const GATEWAY_KINDS: readonly GatewayKind[] = ['ours', 'apollo', 'hive', 'hive-rust', 'mercurius'];
export const CEILING_LABEL = 'ceiling: bare node:http, same body';

/** How to start one gateway process. */
export interface GatewayCommand {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** A gateway that can be benchmarked in a scenario. */
export interface GatewaySpec {
  readonly kind: GatewayKind;
  readonly label: string;
  /** true when it has inbound request deduplication; otherwise why "dedup on" is n/a. */
  readonly dedup: true | string;
  /** Set when it cannot run in this scenario (shown in the table instead of figures). */
  readonly notRunnable?: string;
  command(port: number, dedup: boolean): GatewayCommand;
}

/** A scenario ready to run: its subgraphs are up. */
export interface Scenario {
  readonly name: 'guild' | 'domain';
  readonly title: string;
  readonly request: LoadRequest;
  /** The process serving the subgraphs (and the IdP), for the load-core figure. */
  readonly hostPid: number;
  readonly gateways: readonly GatewaySpec[];
  /** Why a response body (parsed JSON) is wrong, or undefined when it is right. */
  validate(body: unknown): string | undefined;
  readonly notes: readonly string[];
  close(): Promise<void>;
}

/** What the harness found about the peers' installs. */
export interface PeerInstalls {
  /** bench/peers: undefined when installed, else why not. */
  readonly peers: string | undefined;
  readonly mercurius: string | undefined;
}

const GRAPHQL_HEADERS = { 'content-type': 'application/json', accept: 'application/json' } as const;

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true', ...extra };
}

/** Environment variables that may switch our gateway's inbound dedup (see ourDedupVariable). */
export const OUR_DEDUP_VARIABLES = ['INBOUND_DEDUP', 'GATEWAY_DEDUP'] as const;

function ourDedupEnv(dedup: boolean): Record<string, string> {
  return Object.fromEntries(OUR_DEDUP_VARIABLES.map((name) => [name, String(dedup)]));
}

/**
 * Our rate limits under the benchmark's load: one address (and, in the domain scenario, one person)
 * sends everything, far above the production defaults. Limits this high keep the per-request checks
 * (their cost is measured) without ever refusing; the peers have none.
 */
export const BENCH_RATE_LIMITS = { IP_RATE_LIMIT: '1000000000/60', VIEWER_RATE_LIMIT: '1000000000/60', CODE_LOOKUP_RATE_LIMIT: '1000000000/60' } as const;

function ours(env: (port: number, dedup: boolean) => Record<string, string>): GatewaySpec {
  return {
    kind: 'ours',
    label: 'Liên Thông (ours)',
    dedup: true,
    command: (port, dedup) => ({
      // As production starts it: the JavaScript build (scripts/build.ts; run.ts builds it first).
      args: [builtEntry('gateway/main.ts')],
      cwd: REPO_ROOT,
      env: baseEnv({ GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), LOG_LEVEL: 'error', ...BENCH_RATE_LIMITS, ...ourDedupEnv(dedup), ...env(port, dedup) }),
    }),
  };
}

function apollo(installs: PeerInstalls, env: Record<string, string>): GatewaySpec {
  return {
    kind: 'apollo',
    label: 'Apollo Gateway 2.14 + Apollo Server 5',
    dedup: 'Apollo Server has no inbound request deduplication',
    ...(installs.peers ? { notRunnable: installs.peers } : {}),
    command: (port) => ({ args: ['apollo-gateway.js'], cwd: PEERS_DIR, env: baseEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }) }),
  };
}

function hive(installs: PeerInstalls, planner: 'js' | 'rust', env: Record<string, string>): GatewaySpec {
  return {
    kind: planner === 'js' ? 'hive' : 'hive-rust',
    label: planner === 'js' ? 'Hive Gateway 2.15 (JIT)' : 'Hive Gateway 2.15 + router-runtime (Rust planner)',
    dedup: true,
    ...(installs.peers ? { notRunnable: installs.peers } : {}),
    command: (port, dedup) => ({
      args: ['hive-gateway.js'],
      cwd: PEERS_DIR,
      env: baseEnv({
        HOST: '127.0.0.1',
        PORT: String(port),
        HIVE_PLANNER: planner,
        HIVE_JIT: String(planner === 'js'),
        BENCH_DEDUP: String(dedup),
        ...env,
      }),
    }),
  };
}

function mercurius(installs: PeerInstalls, services: readonly { name: string; url: string }[] | string): GatewaySpec {
  const notRunnable = typeof services === 'string' ? services : installs.mercurius;
  return {
    kind: 'mercurius',
    label: 'mercurius gateway 5.2',
    dedup: 'the mercurius gateway has no inbound request deduplication',
    ...(notRunnable ? { notRunnable } : {}),
    command: (port) => ({
      args: ['mercurius-gateway.js'],
      cwd: MERCURIUS_DIR,
      env: baseEnv({ HOST: '127.0.0.1', PORT: String(port), BENCH_SERVICES: JSON.stringify(typeof services === 'string' ? [] : services) }),
    }),
  };
}

/** The ceiling: a bare node:http server that reads each request and returns `bodyFile`'s bytes. */
function ceiling(bodyFile: string): GatewaySpec {
  return {
    kind: 'ceiling',
    label: CEILING_LABEL,
    dedup: 'a bare server: nothing to deduplicate',
    command: (port) => ({ args: [path.join(BENCH_DIR, 'ceiling-server.ts')], cwd: REPO_ROOT, env: baseEnv({ HOST: '127.0.0.1', PORT: String(port), CEILING_BODY_FILE: bodyFile }) }),
  };
}

function graphqlErrors(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'the body is not a JSON object';
  const errors = (body as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) return `GraphQL errors: ${JSON.stringify(errors).slice(0, 300)}`;
  return undefined;
}

function compose(services: { name: string; url: string; sdl: string }[]): string {
  const outcome = composeSubgraphs(services);
  if (!outcome.ok) throw new Error(`composition failed:\n${outcome.errors.map((error) => `  - ${error}`).join('\n')}`);
  return outcome.supergraphSdl;
}

async function startHost(script: string, env: NodeJS.ProcessEnv, pin: boolean): Promise<{ host: Tracked; ready: Record<string, unknown> }> {
  const host = spawnNode([path.join(BENCH_DIR, script)], { core: pin ? LOAD_CORE : undefined, env, cwd: REPO_ROOT, ipc: true });
  try {
    const ready = await waitForMessage<{ type: string } & Record<string, unknown>>(host, 'ready', 180_000);
    return { host, ready };
  } catch (error) {
    await stopProcess(host);
    throw error;
  }
}

/** The public federation benchmark scenario. */
export async function setupGuild(options: { tmpDir: string; pin: boolean; installs: PeerInstalls; gateways: readonly GatewayKind[]; ceiling: boolean }): Promise<Scenario> {
  const query = readFileSync(path.join(BENCH_DIR, 'guild-test-query.graphql'), 'utf8');
  const expected = await guildExpectedData(query);
  const { host, ready } = await startHost('guild-host.ts', baseEnv({}), options.pin);
  const base = String(ready['url']);
  const supergraphFile = path.join(options.tmpDir, 'guild-supergraph.graphql');
  writeFileSync(supergraphFile, compose(GUILD_SUBGRAPH_NAMES.map((name) => ({ name, url: `${base}/${name}`, sdl: guildSubgraphSdl(name) }))));
  const fed1Services = GUILD_SUBGRAPH_NAMES.map((name) => ({ name, url: `${base}/fed1/${name}` }));
  const internalKey = await generateInternalSigningKey();

  const all: GatewaySpec[] = [
    ours(() => ({ SUPERGRAPH_FILE: supergraphFile, INTERNAL_SIGNING_JWK: JSON.stringify(internalKey.privateJwk) })),
    apollo(options.installs, { SUPERGRAPH_FILE: supergraphFile }),
    hive(options.installs, 'js', { SUPERGRAPH_FILE: supergraphFile }),
    hive(options.installs, 'rust', { SUPERGRAPH_FILE: supergraphFile }),
    mercurius(options.installs, fed1Services),
  ];
  const expectedBody = JSON.stringify({ data: expected });
  const expectedSize = Buffer.byteLength(expectedBody);
  const bodyFile = path.join(options.tmpDir, 'guild-expected-body.json');
  writeFileSync(bodyFile, expectedBody);
  return {
    name: 'guild',
    title: 'Public federation benchmark scenario (accounts, products, inventory, reviews; guild-test-query.graphql)',
    request: { path: '/graphql', headers: GRAPHQL_HEADERS, body: JSON.stringify({ query }) },
    hostPid: host.pid,
    gateways: [...all.filter((spec) => options.gateways.includes(spec.kind)), ...(options.ceiling ? [ceiling(bodyFile)] : [])],
    validate(body) {
      const problem = graphqlErrors(body);
      if (problem) return problem;
      try {
        deepStrictEqual((body as { data?: unknown }).data, expected);
        return undefined;
      } catch {
        return `wrong data: ${JSON.stringify(body).slice(0, 300)}`;
      }
    },
    notes: [
      `Subgraphs: ours (testing/guild-subgraphs.ts), mercurius + @apollo/subgraph, all four in one process on the load core; Federation 2.3 SDL for every gateway but mercurius, which gets the same subgraphs in Federation 1 SDL.`,
      `Every response is checked against the query's answer computed on a plain schema over the same data (${(expectedSize / 1024).toFixed(1)} KB of JSON).`,
    ],
    close: () => stopProcess(host),
  };
}

const HOME_QUERY = '{ me { feedback { code status } dossiers { code status } notifications { title read } } }';
const DOMAIN_USER = 'an.nguyen';

/** Our own domain: the citizen home query with a real access token. */
export async function setupDomain(options: { tmpDir: string; pin: boolean; installs: PeerInstalls; gateways: readonly GatewayKind[]; ceiling: boolean }): Promise<Scenario> {
  const internalKey = await generateInternalSigningKey();
  const { host, ready } = await startHost('domain-host.ts', baseEnv({ BENCH_INTERNAL_JWKS: JSON.stringify(internalKey.publicJwks) }), options.pin);
  try {
    const issuer = String(ready['issuer']);
    const subgraphUrls = ready['subgraphUrls'] as Record<string, string>;
    const scope = ['openid', 'profile', ...API_SCOPES.filter((item) => item.endsWith(':read'))].join(' ');
    const { accessToken } = await loginWithPkce({ issuer, clientId: BENCH_CLIENT_ID, redirectUri: BENCH_REDIRECT_URI, username: DOMAIN_USER, password: 'demo', scope });
    const viewer = viewerFromAccessToken(decodeJwt(accessToken), API_AUDIENCE);
    const supergraphSdl = compose(
      SUBGRAPHS.map((subgraph) => ({
        name: subgraph.name,
        url: subgraphUrls[subgraph.name] ?? subgraph.defaultUrl,
        sdl: readFileSync(path.join(REPO_ROOT, subgraph.sdlFile), 'utf8'),
      })),
    );
    const supergraphFile = path.join(options.tmpDir, 'domain-supergraph.graphql');
    writeFileSync(supergraphFile, supergraphSdl);
    const peerSupergraphFile = path.join(options.tmpDir, 'domain-supergraph-peers.graphql');
    writeFileSync(peerSupergraphFile, withoutAuthorizationFeatures(supergraphSdl));
    const peerEnv = {
      SUPERGRAPH_FILE: peerSupergraphFile,
      BENCH_INTERNAL_SIGNING_JWK: JSON.stringify(internalKey.privateJwk),
      BENCH_VIEWER: JSON.stringify(viewer),
    };
    const all: GatewaySpec[] = [
      ours(() => ({
        SUPERGRAPH_FILE: supergraphFile,
        OIDC_ISSUER: issuer,
        INTERNAL_SIGNING_JWK: JSON.stringify(internalKey.privateJwk),
        ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
      })),
      apollo(options.installs, peerEnv),
      hive(options.installs, 'js', peerEnv),
      hive(options.installs, 'rust', peerEnv),
      mercurius(options.installs, 'Federation 1 only, and our subgraphs link Federation 2 (@link v2.x, @shareable): it cannot load them'),
    ];
    let reference: unknown;
    return {
      name: 'domain',
      title: `Our domain: the citizen home query across feedback, dossier and notification, as ${DOMAIN_USER} with a real access token`,
      request: { path: '/graphql', headers: { ...GRAPHQL_HEADERS, authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: HOME_QUERY }) },
      hostPid: host.pid,
      gateways: all.filter((spec) => options.gateways.includes(spec.kind)),
      validate(body) {
        const problem = graphqlErrors(body);
        if (problem) return problem;
        const data = (body as { data?: { me?: Record<string, unknown> | null } }).data;
        const me = data?.me;
        if (!me) return `no "me": ${JSON.stringify(body).slice(0, 300)}`;
        for (const field of ['feedback', 'dossiers', 'notifications']) {
          const list = me[field];
          if (!Array.isArray(list) || list.length === 0) return `me.${field} is empty: ${JSON.stringify(body).slice(0, 300)}`;
        }
        if (reference === undefined) {
          reference = data;
          return undefined;
        }
        try {
          deepStrictEqual(data, reference);
          return undefined;
        } catch {
          return `the data differs from the first gateway's: ${JSON.stringify(body).slice(0, 300)}`;
        }
      },
      notes: [
        'Subgraphs: our four real subgraphs (in-memory PGlite with the demo seed, Prisma) and the embedded identity provider, in one process on the load core.',
        `Ours verifies the access token (realm JWKS) and signs its internal token per viewer (both cached). A peer cannot verify our realm's tokens or sign internal tokens by itself: it is given the internal signing key and ${DOMAIN_USER}'s viewer, and adds one internal token (auth/internal-token.ts's signer, renewed every 30 s) to every subgraph request without looking at the client's token. Their supergraph has the authorization directives (@authenticated, @requiresScopes, @policy) removed: @apollo/gateway refuses to load them, and ours enforces them. Peers therefore do less auth work than ours.`,
        'Every response must have no errors and non-empty feedback, dossiers and notifications, and the same data across gateways.',
      ],
      close: () => stopProcess(host),
    };
  } catch (error) {
    await stopProcess(host);
    throw error;
  }
}
