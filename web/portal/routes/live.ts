// Live updates on the signed-in pages of both portals, without a reload: GET /thong-bao/live is an event
// stream the page's script (assets/live.js, served at /assets/live.js) opens with EventSource. The
// portal holds the session, so it subscribes at the gateway itself (SSE, the citizen's access token,
// which never reaches the page) and passes on only what the page needs, rendered here:
//   ready         {unread}                        on opening (what a reconnecting page missed is in the inbox)
//   notification  {id, title, unread, html}       a new message: the entry as the inbox renders it, and the count
//   status        {code, status, badge}           one of the person's feedback items (1022 portal) or dossiers
//                                                 (public-service portal, VNeID level 2 only) changed status
//   ended         {code}                          the gateway refused every subscription: do not reconnect
// When the gateway ends the subscriptions (the access token's expiry, a subgraph going away) the stream
// ends and EventSource reconnects after `retry`, with a refreshed token. A session with no user: 204,
// which EventSource does not retry. `liveStreamRoute` is the stream without its subscriptions: the staff
// workspace serves its own (web/workspace/routes/live.ts) with the same script.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rethrowUnlessUnavailable, streamGateway, SubscriptionRefused } from '../gateway-client.ts';
import { FEEDBACK_STATUS } from '../pages/feedback.ts';
import { LIVE_STREAM_PATH, statusBadge } from '../pages/layout.ts';
import { portalBases, renderNotificationEntry } from '../pages/notifications.ts';
import type { NotificationRow } from '../pages/notifications.ts';
import { DOSSIER_STATUS } from '../pages/timeline.ts';
import type { PortalRouteOptions } from '../replies.ts';
import type { LoadedSession } from '../session.ts';
import { describeError } from '../services.ts';
import type { SiteServices } from '../services.ts';

const NOTIFICATIONS = 'subscription PortalLiveInbox { notificationReceived { id title body kind link read createdAt } }';
const FEEDBACK_STATUS_CHANGES = 'subscription PortalLiveFeedback { myFeedbackStatusChanged { code status } }';
const DOSSIER_STATUS_CHANGES = 'subscription PortalLiveDossiers { myDossierStatusChanged { code status } }';
const UNREAD = 'query PortalLiveUnread { me { unreadNotificationCount } }';
/** Open streams per session (tabs); more are refused with 429. */
const STREAMS_PER_SESSION = 4;
/** A comment line keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;
/** How long EventSource waits before reconnecting after the stream ends. */
const RECONNECT_MS = 3_000;

/** One open stream, as the subscriptions of a page's stream see it. */
export interface LiveStream {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly current: LoadedSession;
  /** The session's access token (stays on the server). */
  readonly token: string;
  /** Send one event to the page. */
  readonly send: (event: string, data: unknown) => void;
  /** Follow one subscription at the gateway as the person; when one that ran ends, the stream ends (the page reconnects). */
  readonly follow: <Data>(query: string, each: (data: Data) => Promise<void>, variables?: Record<string, unknown>) => Promise<'refused' | 'ended'>;
}

/**
 * Register GET `path` (HEAD: 204): an event stream for the signed-in session, at most STREAMS_PER_SESSION
 * open at once. `open` sends what the page needs first and starts the stream's subscriptions (`follow`),
 * returning them; when every one was refused the page is told to stop reconnecting.
 */
export function liveStreamRoute(app: FastifyInstance, services: SiteServices, path: string, open: (stream: LiveStream) => Promise<Promise<'refused' | 'ended'>[]>): void {
  const sessions = app.portalSession;
  const opened = new Map<string, number>();
  // Open streams never end by themselves: a closing application ends them (EventSource reconnects elsewhere).
  const streaming = new Set<AbortController>();
  app.addHook('preClose', async () => {
    for (const abort of streaming) abort.abort();
  });

  app.get(path, async (request, reply) => {
    if (request.method !== 'GET') return reply.code(204).send(); // HEAD: no stream to hold open
    const current = await sessions.load(request);
    const token = current?.session.user ? await sessions.accessToken(reply, current) : undefined;
    if (!current || !token) return reply.code(204).send();
    if ((opened.get(current.id) ?? 0) >= STREAMS_PER_SESSION) return reply.code(429).send();
    opened.set(current.id, (opened.get(current.id) ?? 0) + 1);

    const abort = new AbortController();
    streaming.add(abort);
    reply.hijack();
    const raw = reply.raw;
    raw.on('close', () => abort.abort());
    const write = (text: string) => {
      if (!raw.destroyed) raw.write(text);
    };
    const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS);
    const follow = async <Data>(query: string, each: (data: Data) => Promise<void>, variables?: Record<string, unknown>): Promise<'refused' | 'ended'> => {
      try {
        for await (const result of streamGateway<Data>(services.options.gatewayUrl, query, { token, clientAddress: request.ip, signal: abort.signal, ...(variables ? { variables } : {}) })) {
          if (!result.data) break; // SUBSCRIPTION_ENDED and the like: the stream is over
          await each(result.data);
        }
      } catch (error) {
        if (error instanceof SubscriptionRefused) {
          request.log.info({ code: error.code, status: error.status }, 'live subscription refused');
          return 'refused';
        }
        request.log.warn({ err: describeError(error) }, 'live subscription broke');
      }
      abort.abort();
      return 'ended';
    };
    try {
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-accel-buffering': 'no' });
      write(`retry: ${RECONNECT_MS}\n\n`);
      const ends = await Promise.all(await open({ request, reply, current, token, send, follow }));
      // Every subscription refused (the session's token is no longer good, say): tell the script to stop.
      if (!abort.signal.aborted && ends.every((end) => end === 'refused')) send('ended', { reason: 'refused' });
    } catch (error) {
      request.log.warn({ err: describeError(error) }, 'live stream failed');
    } finally {
      abort.abort();
      streaming.delete(abort);
      clearInterval(keepAlive);
      const left = (opened.get(current.id) ?? 1) - 1;
      if (left > 0) opened.set(current.id, left);
      else opened.delete(current.id);
      raw.end();
    }
  });
}

/** The live script, for GET /assets/live.js. */
export const LIVE_SCRIPT = readFileSync(new URL('../assets/live.js', import.meta.url));

/** Register the live stream and its script. */
export async function liveRoutes(app: FastifyInstance, { services }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const bases = portalBases(services.options.kind, services.options.links ?? []);

  app.get('/assets/live.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(LIVE_SCRIPT));

  liveStreamRoute(app, services, LIVE_STREAM_PATH, async ({ reply, current, send, follow }) => {
    const unread = async (): Promise<number | undefined> => {
      const result = await sessions.askGateway<{ me?: { unreadNotificationCount?: number | null } | null }>(reply, current, UNREAD).catch(rethrowUnlessUnavailable);
      return result && result !== 'unavailable' ? (result.data?.me?.unreadNotificationCount ?? undefined) : undefined;
    };
    const csrf = sessions.csrfToken(current.id);
    const statusOf = (table: Readonly<Record<string, [string, string]>>) => async (item: { code: string; status: string }) =>
      send('status', { code: item.code, status: item.status, badge: statusBadge(table, item.status) });
    send('ready', { unread: await unread() });
    const streams = [
      follow<{ notificationReceived: NotificationRow }>(NOTIFICATIONS, async ({ notificationReceived: note }) =>
        send('notification', { id: note.id, title: note.title, unread: await unread(), html: renderNotificationEntry(note, bases, csrf) }),
      ),
    ];
    if (services.brand.kind === 'feedback') {
      const changed = statusOf(FEEDBACK_STATUS);
      streams.push(follow<{ myFeedbackStatusChanged: { code: string; status: string } }>(FEEDBACK_STATUS_CHANGES, (data) => changed(data.myFeedbackStatusChanged)));
    } else if (current.session.user?.acr === '2') {
      // A dossier's status needs VNeID level 2; at level 1 the new message and the count still arrive.
      const changed = statusOf(DOSSIER_STATUS);
      streams.push(follow<{ myDossierStatusChanged: { code: string; status: string } }>(DOSSIER_STATUS_CHANGES, (data) => changed(data.myDossierStatusChanged)));
    }
    return streams;
  });
}
