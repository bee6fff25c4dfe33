// How a portal answers with a page: the frame every page gets (brand, links, the signed-in person, the
// CSRF token, the one-time message), HTML responses, error pages, CSRF refusals, step-up redirects and
// the signed-out home page. Built once per portal and passed to the route modules with its services.
import type { FastifyReply } from 'fastify';
import type { GatewayResult } from './gateway-client.ts';
import { renderErrorPage, renderSignedOut } from './pages/layout.ts';
import type { PageFrame } from './pages/layout.ts';
import type { PortalServices } from './services.ts';
import type { LoadedSession, PortalSessions } from './session.ts';
import type { PortalSession } from './session-store.ts';

/** The page answers of one portal. */
export interface PortalReplies {
  /** What every page gets; the user and the CSRF token when the session is signed in. */
  frame(current: LoadedSession | undefined, flash?: PortalSession['flash']): PageFrame;
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

/** What the route modules are registered with: the portal's services and page answers. */
export interface PortalRouteOptions {
  readonly services: PortalServices;
  readonly replies: PortalReplies;
}

/** Build the page answers of a portal. */
export function createPortalReplies(services: PortalServices, sessions: PortalSessions): PortalReplies {
  const frame = (current: LoadedSession | undefined, flash?: PortalSession['flash']): PageFrame => {
    const user = current?.session.user;
    return {
      brand: services.brand,
      links: services.options.links ?? [],
      ...(user ? { user: { name: user.name ?? user.username ?? 'Công dân', acr: user.acr }, csrf: sessions.csrfToken(current.id) } : {}),
      ...(flash ? { flash } : {}),
    };
  };
  const html = (reply: FastifyReply, status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page);
  const errorPage = (reply: FastifyReply, current: LoadedSession | undefined, status: number, title: string, message: string, detail?: string) =>
    html(reply, status, renderErrorPage(frame(current), title, message, detail));
  return {
    frame,
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
