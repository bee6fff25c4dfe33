// How a portal answers with a page: the frame every page gets (brand, links, the signed-in person and
// their unread count, the CSRF token, the one-time message), HTML responses, error pages, CSRF refusals,
// step-up redirects and the signed-out home page. Built once per portal and passed to the route modules
// with its services.
import type { FastifyReply } from 'fastify';
import { rethrowUnlessUnavailable } from './gateway-client.ts';
import type { GatewayResult } from './gateway-client.ts';
import { renderErrorPage, renderSignedOut } from './pages/layout.ts';
import type { PageFrame } from './pages/layout.ts';
import type { PortalServices, SiteServices } from './services.ts';
import type { LoadedSession, PortalSessions } from './session.ts';
import type { PortalSession } from './session-store.ts';

/** The page answers of one portal. */
export interface PortalReplies {
  /**
   * The frame of a page: the one-time message taken, and when signed in the unread count (`unread` when the
   * page's own query read it — null: it could not —, else asked of the gateway; absent when it does not
   * answer). `live`: the page runs the live-update script, and its content security policy allows it.
   */
  pageFrame(reply: FastifyReply, current: LoadedSession | undefined, options?: { live?: boolean; unread?: number | null }): Promise<PageFrame>;
  /** An HTML page with `status`. */
  html(reply: FastifyReply, status: number, page: string): FastifyReply;
  /** An error page (bad request, failed sign-in, unavailable service). */
  errorPage(reply: FastifyReply, current: LoadedSession | undefined, status: number, title: string, message: string, detail?: string): FastifyReply;
  /** A form post without this session's CSRF token (expired page, or another site's form). */
  csrfRefused(reply: FastifyReply, current: LoadedSession): FastifyReply;
  /** Sign in again at VNeID level 2, then come back to `returnTo`. */
  stepUp(reply: FastifyReply, returnTo: string): FastifyReply;
  /**
   * The home page of a browser that is not signed in: first one silent request to the realm per browser
   * session (signed in at another portal: single sign-on), then the signed-out page.
   */
  signedOutHome(reply: FastifyReply, current: LoadedSession | undefined): Promise<FastifyReply>;
}

const UNREAD_COUNT = 'query PortalUnreadCount { me { unreadNotificationCount } }';

/** What the shared route modules (sign-in, health) are registered with: any application's services and page answers. */
export interface SiteRouteOptions {
  readonly services: SiteServices;
  readonly replies: PortalReplies;
}

/** What the portal's route modules are registered with: the portal's services and page answers. */
export interface PortalRouteOptions extends SiteRouteOptions {
  readonly services: PortalServices;
}

/** Build the page answers of a portal (or of the workspace). */
export function createPortalReplies(services: SiteServices, sessions: PortalSessions): PortalReplies {
  // What every page gets; the user (with the unread count when known) and the CSRF token when signed in.
  const frame = (current: LoadedSession | undefined, flash?: PortalSession['flash'], unread?: number): PageFrame => {
    const user = current?.session.user;
    return {
      brand: services.brand,
      links: services.options.links ?? [],
      ...(user ? { user: { name: user.name ?? user.username ?? 'Công dân', acr: user.acr, unread }, csrf: sessions.csrfToken(current.id) } : {}),
      ...(flash ? { flash } : {}),
    };
  };
  // Pages with the live-update script: scripts and the event stream from this portal only.
  const livePolicy = `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${new URL(services.options.issuer).origin}`;
  const unreadCount = async (reply: FastifyReply, current: LoadedSession): Promise<number | undefined> => {
    const result = await sessions.askGateway<{ me?: { unreadNotificationCount?: number | null } | null }>(reply, current, UNREAD_COUNT).catch(rethrowUnlessUnavailable);
    const count = result && result !== 'unavailable' ? result.data?.me?.unreadNotificationCount : undefined;
    return typeof count === 'number' ? count : undefined;
  };
  const html = (reply: FastifyReply, status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page);
  const errorPage = (reply: FastifyReply, current: LoadedSession | undefined, status: number, title: string, message: string, detail?: string) =>
    html(reply, status, renderErrorPage(frame(current), title, message, detail));
  return {
    async pageFrame(reply, current, options = {}) {
      const flash = current ? await sessions.takeFlash(reply, current) : undefined;
      const unread = !current?.session.user ? undefined : options.unread === undefined ? await unreadCount(reply, current) : (options.unread ?? undefined);
      if (options.live) reply.header('content-security-policy', livePolicy);
      return { ...frame(current, flash, unread), ...(options.live ? { live: true } : {}) };
    },
    html,
    errorPage,
    csrfRefused: (reply, current) =>
      errorPage(reply, current, 403, 'Yêu cầu không hợp lệ', 'Biểu mẫu đã hết hạn; hãy tải lại trang và gửi lại. (Missing or invalid CSRF token.)', 'CSRF_TOKEN_INVALID'),
    stepUp: (reply, returnTo) => reply.redirect(`/auth/login?acr=2&returnTo=${encodeURIComponent(returnTo)}`, 303),
    async signedOutHome(reply, current) {
      // Signed in at another portal? Ask the realm silently, once per browser session (single sign-on).
      if (!current?.session.silentTried) return reply.redirect('/auth/login?prompt=none&returnTo=%2F', 302);
      return html(reply, 200, renderSignedOut(frame(current, await sessions.takeFlash(reply, current))));
    },
  };
}

/**
 * The first error that concerns the field at `path` (e.g. ["me", "dossiers"]): an error on that field
 * or below it, on a parent of it, or on the whole request. Shown with its code.
 */
export function fieldError(result: GatewayResult<unknown>, ...path: string[]): string | undefined {
  const error = result.errors.find((candidate) => {
    const at = (candidate.path ?? []).filter((segment): segment is string => typeof segment === 'string');
    const shared = Math.min(at.length, path.length);
    return path.slice(0, shared).every((segment, index) => at[index] === segment);
  });
  if (!error) return undefined;
  return `Không tải được dữ liệu: ${error.message} (${error.extensions?.code ?? 'ERROR'})`;
}
