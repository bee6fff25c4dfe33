// Starts the two portals (web/portal) against a hub started by startHub, on loopback ports reserved
// before the hub starts: the realm needs each portal's redirect and back-channel logout URIs up front.
//
//   const ports = await reservePortalPorts();
//   const hub = await startHub({ extraClients: portalClients(ports) });
//   const portals = await startPortals(hub, ports);
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { publicClient } from '../auth/embedded-idp/index.ts';
import type { EmbeddedIdpClient } from '../auth/embedded-idp/index.ts';
import { buildPortal } from '../web/portal/server.ts';
import type { PortalKind } from '../web/portal/server.ts';
import { createMemorySessionStore } from '../web/portal/session-store.ts';
import type { SessionStore } from '../web/portal/session-store.ts';
import type { ClientAuthentication } from '../web/portal/options.ts';
import type { Hub } from './hub.ts';
import { freePort } from './free-port.ts';

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

/** The portal clients for startHub's `extraClients`: the demo clients' ids, with the reserved ports. */
export function portalClients(ports: PortalPorts): EmbeddedIdpClient[] {
  return (Object.keys(PORTAL_CLIENT_IDS) as PortalKind[]).map((kind) =>
    publicClient(PORTAL_CLIENT_IDS[kind], [`${urlOf(ports[kind])}/auth/callback`], {
      postLogoutRedirectUris: [`${urlOf(ports[kind])}/`],
      backchannelLogoutUri: `${urlOf(ports[kind])}/auth/backchannel-logout`,
    }),
  );
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
