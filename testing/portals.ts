// Starts the two portals (web/portal) and the staff workspace (web/workspace) against a hub started by
// startHub, on loopback ports reserved before the hub starts: the realm needs each one's redirect and
// back-channel logout URIs up front.
//
//   const ports = await reservePortalPorts();
//   const hub = await startHub({ extraClients: portalClients(ports) });
//   const portals = await startPortals(hub, ports);
//
//   const port = await freePort();
//   const hub = await startHub({ extraClients: [workspaceClient(port)] });
//   const workspace = await startWorkspace(hub, port);
//   const cookie = await signInWithPassword(workspace.url, 'giang.hoang');
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { publicClient } from '../auth/embedded-idp/index.ts';
import type { EmbeddedIdpClient } from '../auth/embedded-idp/index.ts';
import { buildPortal } from '../web/portal/server.ts';
import type { PortalKind } from '../web/portal/server.ts';
import { createMemorySessionStore } from '../web/portal/session-store.ts';
import type { SessionStore } from '../web/portal/session-store.ts';
import type { ClientAuthentication } from '../web/portal/options.ts';
import { buildWorkspace } from '../web/workspace/server.ts';
import { startHub } from './hub.ts';
import type { Hub } from './hub.ts';
import { freePort } from './free-port.ts';
import { followRedirects } from './oidc-login.ts';

/** The realm's client ids of the two portals (as in auth/demo-realm.ts). */
export const PORTAL_CLIENT_IDS: Readonly<Record<PortalKind, string>> = { feedback: 'portal-1022', services: 'portal-dichvucong' };

export type PortalPorts = Readonly<Record<PortalKind, number>>;

/** A running portal; `sessions` is its store, so a test can look at the tokens it holds. */
export interface RunningPortal {
  readonly kind: PortalKind;
  readonly clientId: string;
  /** Base URL, no trailing slash. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly sessions: SessionStore;
}

export interface Portals extends Readonly<Record<PortalKind, RunningPortal>> {
  close(): Promise<void>;
}

/** Two free loopback ports (held together so they differ, then released for the portals). */
export async function reservePortalPorts(): Promise<PortalPorts> {
  const feedback = await freePort();
  let services = await freePort();
  while (services === feedback) services = await freePort();
  return { feedback, services };
}

/** The base URL of the portal on `port`. */
export const urlOf = (port: number): string => `http://127.0.0.1:${port}`;

/** Another realm than the hub's (testing/second-realm.ts): its issuer and each portal's client there. */
export interface PortalRealm {
  readonly issuer: string;
  readonly clients: Readonly<Record<PortalKind, { readonly clientId: string; readonly clientAuth: ClientAuthentication }>>;
}

/** A signed-in web application's client of the realm on a loopback port: callback, sign-out return, back-channel logout. */
function siteClient(clientId: string, port: number): EmbeddedIdpClient {
  return publicClient(clientId, [`${urlOf(port)}/auth/callback`], { postLogoutRedirectUris: [`${urlOf(port)}/`], backchannelLogoutUri: `${urlOf(port)}/auth/backchannel-logout` });
}

/** The portal clients for startHub's `extraClients`: the demo clients' ids, with the reserved ports. */
export function portalClients(ports: PortalPorts): EmbeddedIdpClient[] {
  return (Object.keys(PORTAL_CLIENT_IDS) as PortalKind[]).map((kind) => siteClient(PORTAL_CLIENT_IDS[kind], ports[kind]));
}

/** The realm's client id of the staff workspace (as in auth/demo-realm.ts). */
export const WORKSPACE_CLIENT_ID = 'workspace';

/** The workspace's client for startHub's `extraClients`, on `port`. */
export function workspaceClient(port: number): EmbeddedIdpClient {
  return siteClient(WORKSPACE_CLIENT_ID, port);
}

/** A running staff workspace. */
export interface RunningWorkspace {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly sessions: SessionStore;
  close(): Promise<void>;
}

/** Build and start the staff workspace on `port`, with in-memory sessions. */
export async function startWorkspace(hub: Pick<Hub, 'gatewayUrl'> & { readonly idp: { readonly issuer: string } }, port: number): Promise<RunningWorkspace> {
  const sessions = createMemorySessionStore();
  const app = await buildWorkspace({
    clientId: WORKSPACE_CLIENT_ID,
    publicUrl: urlOf(port),
    issuer: hub.idp.issuer,
    gatewayUrl: hub.gatewayUrl,
    sessions,
    sessionSecret: 'test-session-secret-0123456789abcdef',
    production: false,
    logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
  });
  await app.listen({ host: '127.0.0.1', port });
  return {
    url: urlOf(port),
    app,
    sessions,
    async close() {
      await app.close().catch(() => {});
      await sessions.close().catch(() => {});
    },
  };
}

/** Sign in at the application at `url` with the realm's password form (demo password); its cookies as one `cookie` header. */
export async function signInWithPassword(url: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const never = 'http://127.0.0.1:1/never';
  const start = await followRedirects(`${url}/auth/login`, { method: 'GET' }, jar, never);
  const action = /<form[^>]*\baction="([^"]+\/login)"/.exec((await start.response?.text()) ?? '')?.[1];
  if (!action || !start.response) throw new Error('no login form');
  const form = new URLSearchParams({ username, password: 'demo' }).toString();
  const signedIn = await followRedirects(new URL(action, start.response.url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }, jar, never);
  await signedIn.response?.body?.cancel();
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A hub whose realm knows both portals, and both portals started on it (the usual start of a portal test). */
export async function startHubWithPortals(): Promise<{ hub: Hub; portals: Portals }> {
  const ports = await reservePortalPorts();
  const hub = await startHub({ extraClients: portalClients(ports) });
  try {
    return { hub, portals: await startPortals(hub, ports) };
  } catch (error) {
    await hub.close();
    throw error;
  }
}

/** Build and start both portals on `ports`, with in-memory sessions (or the given stores). */
export async function startPortals(hub: Hub, ports: PortalPorts, options: { sessions?: Partial<Record<PortalKind, SessionStore>>; realm?: PortalRealm } = {}): Promise<Portals> {
  const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const started: RunningPortal[] = [];
  const close = async () => {
    for (const portal of started.reverse()) {
      await portal.app.close().catch(() => {});
      await portal.sessions.close().catch(() => {});
    }
  };
  try {
    for (const kind of Object.keys(PORTAL_CLIENT_IDS) as PortalKind[]) {
      const other = kind === 'feedback' ? 'services' : 'feedback';
      const sessions = options.sessions?.[kind] ?? createMemorySessionStore();
      const client = options.realm?.clients[kind] ?? { clientId: PORTAL_CLIENT_IDS[kind], clientAuth: { method: 'none' } as const };
      const app = await buildPortal({
        kind,
        clientId: client.clientId,
        clientAuth: client.clientAuth,
        publicUrl: urlOf(ports[kind]),
        issuer: options.realm?.issuer ?? hub.idp.issuer,
        gatewayUrl: hub.gatewayUrl,
        sessions,
        sessionSecret: 'test-session-secret-0123456789abcdef',
        production: false,
        links: [{ label: other === 'feedback' ? 'Cổng 1022' : 'Cổng dịch vụ công', url: `${urlOf(ports[other])}/`, kind: other }],
        logger,
      });
      started.push({ kind, clientId: client.clientId, url: urlOf(ports[kind]), app, sessions });
      await app.listen({ host: '127.0.0.1', port: ports[kind] });
    }
  } catch (error) {
    await close();
    throw error;
  }
  const [feedback, services] = started;
  if (!feedback || !services) throw new Error('portals did not start');
  return { feedback, services, close };
}

/** A form post's request (application/x-www-form-urlencoded), with extra headers. */
export function portalFormPost(fields: Record<string, string>, extra: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra }, body: new URLSearchParams(fields).toString() };
}

/**
 * Sign in at `portal` with the realm's password form (demo password), then at `also` by single sign-on
 * when given. The browser's cookies, as one Cookie header.
 */
export async function signInAtPortal(portal: RunningPortal, username: string, also?: RunningPortal): Promise<string> {
  const jar = new Map<string, string>();
  const never = 'http://127.0.0.1:1/never';
  const start = await followRedirects(`${portal.url}/auth/login`, { method: 'GET' }, jar, never);
  const action = /<form[^>]*\baction="([^"]+\/login)"/.exec((await start.response?.text()) ?? '')?.[1];
  if (!action || !start.response) throw new Error('the realm did not show its login form');
  const signedIn = await followRedirects(new URL(action, start.response.url).href, portalFormPost({ username, password: 'demo' }), jar, never);
  await signedIn.response?.body?.cancel();
  if (also) {
    const sso = await followRedirects(`${also.url}/auth/login`, { method: 'GET' }, jar, never);
    await sso.response?.body?.cancel();
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
