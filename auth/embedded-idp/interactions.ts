// The login pages (interactions) of the embedded identity provider: when oidc-provider asks for a login
// (including step-up to VNeID level 2), the realm-local password form, the simulated VNeID broker,
// cancelling, and the consent that first-party clients never see.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors, interactionPolicy } from 'oidc-provider';
import type { VneidLevel } from '../demo-realm.ts';
import { checkCredentials, requestedLevel } from './claims.ts';
import { readUrlencodedBody, sendHtml, sendJson } from './http.ts';
import { escapeHtml } from '../../platform/html.ts';
import { STEP_UP_MESSAGE, renderLoginPage, renderMessagePage } from './login-page.ts';
import type { EmbeddedIdpOptions, IdpLogger } from './options.ts';

const LOGIN_BODY_LIMIT_BYTES = 8 * 1024;

/**
 * oidc-provider's default prompts, plus step-up: a request whose `acr_values` ask for a higher VNeID
 * level than the session has shows the login page again (only the VNeID path can raise the level).
 * With `prompt=none` the client gets `login_required`.
 */
export function loginPolicy(): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(
    new interactionPolicy.Check('vneid_level', 'the requested VNeID level (acr) needs a new authentication', 'login_required', (ctx) => {
      const { session, params } = ctx.oidc;
      const required = requestedLevel(params?.['acr_values']);
      if (required === 0 || !session?.accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const current = session.acr === '2' ? 2 : session.acr === '1' ? 1 : 0;
      return current >= required ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

/** What handleInteraction needs from the running provider. */
export interface InteractionContext {
  provider: Provider;
  options: EmbeddedIdpOptions;
  prefix: string;
  logger: IdpLogger;
}

const INTERACTION_PATH = /^\/login-actions\/([A-Za-z0-9_-]+)(?:\/(login|vneid|abort))?$/;

/** What a POST to an interaction does: realm-local login, the simulated VNeID broker, or giving up. */
type InteractionAction = 'login' | 'vneid' | 'abort';

/** Serve `<prefix>/login-actions/<uid>[/login|/vneid|/abort]`. */
export async function handleInteraction(req: IncomingMessage, res: ServerResponse, restPath: string, ic: InteractionContext): Promise<void> {
  const { provider, options, prefix, logger } = ic;
  const match = INTERACTION_PATH.exec(restPath);
  const uid = match?.[1];
  const action = match?.[2] as InteractionAction | undefined;
  if (!match || !uid) {
    sendJson(res, 404, { error: 'not_found' });
    return;
  }
  const expectedMethod = action ? 'POST' : 'GET';
  if (req.method !== expectedMethod) {
    res.setHeader('allow', expectedMethod);
    sendJson(res, 405, { error: 'method_not_allowed' });
    return;
  }

  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    if (err instanceof errors.SessionNotFound) {
      sendHtml(
        res,
        400,
        renderMessagePage({
          realm: options.realm,
          title: 'Phiên đăng nhập đã hết hạn · Login session expired',
          message: 'Vui lòng quay lại ứng dụng và đăng nhập lại. (Please go back to the application and sign in again.)',
        }),
      );
      return;
    }
    throw err;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, renderMessagePage({ realm: options.realm, title: 'Yêu cầu không hợp lệ · Invalid request', message: 'Liên kết đăng nhập không khớp. (Login link mismatch.)' }));
    return;
  }

  const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : undefined;
  const base = `${prefix}/login-actions/${uid}`;

  if (details.prompt.name === 'consent') {
    // Only reached if the grant could not be prepared up front: grant what is missing, like Keycloak without consent.
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId: details.session?.accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope);
    if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  if (details.prompt.name !== 'login') {
    sendHtml(res, 400, renderMessagePage({ realm: options.realm, title: 'Yêu cầu không hợp lệ · Invalid request', message: `Unsupported prompt ${details.prompt.name}` }));
    return;
  }

  const requiredLevel = requestedLevel(details.params['acr_values']);
  const sessionAccount = details.session?.accountId ? options.accounts.find((account) => account.sub === details.session?.accountId) : undefined;
  const loginPage = (extra: { error?: string; username?: string } = {}) =>
    renderLoginPage({
      realm: options.realm,
      action: `${base}/login`,
      vneidAction: `${base}/vneid`,
      abortAction: `${base}/abort`,
      ...(clientId ? { clientId } : {}),
      demoUsernames: options.accounts.map((account) => account.username),
      requiredLevel,
      ...(sessionAccount ? { username: sessionAccount.username } : {}),
      ...extra,
    });

  if (!action) {
    sendHtml(res, 200, loginPage());
    return;
  }

  const form = await readUrlencodedBody(req, LOGIN_BODY_LIMIT_BYTES);
  if (!form) {
    sendHtml(res, 400, loginPage({ error: 'Yêu cầu không hợp lệ. (Invalid request.)' }));
    return;
  }

  if (action === 'abort') {
    // The client gets an error response (RFC 6749 §4.1.2.1; OpenID Connect Core §3.1.2.6 for the acr case).
    const result =
      form.get('reason') === 'unmet'
        ? { error: 'unmet_authentication_requirements', error_description: 'VNeID level 2 is required; the account is verified at level 1 only' }
        : { error: 'access_denied', error_description: 'the user cancelled the sign-in' };
    logger.info({ clientId, error: result.error }, 'embedded identity provider: sign-in abandoned');
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }

  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (action === 'login' && requiredLevel >= 2) {
    // A realm-local login is LoA 1: it can never satisfy a level-2 request.
    sendHtml(res, 400, loginPage({ username, error: `${STEP_UP_MESSAGE}: hãy đăng nhập bằng VNeID. (Level 2 needs the VNeID sign-in.)` }));
    return;
  }
  const account = checkCredentials(options.accounts, username, password);
  if (!account) {
    logger.warn({ username, clientId, method: action }, 'embedded identity provider: login failed');
    sendHtml(res, 401, loginPage({ username, error: 'Tên đăng nhập hoặc mật khẩu không đúng. (Invalid username or password.)' }));
    return;
  }
  if (sessionAccount && requiredLevel >= 2 && account.sub !== sessionAccount.sub) {
    // Step-up re-authenticates the signed-in person; it does not switch accounts.
    sendHtml(res, 403, loginPage({ username: sessionAccount.username, error: 'Tài khoản VNeID không khớp với người đang đăng nhập. (The VNeID account does not match the signed-in user.)' }));
    return;
  }

  // Keycloak brokering VNeID: a realm-local login is LoA 1; the VNeID broker maps the account's verified level.
  const level: VneidLevel = action === 'vneid' ? account.level : 1;
  if (level < requiredLevel) {
    logger.info({ sub: account.sub, clientId, requiredLevel }, 'embedded identity provider: VNeID level too low for the request');
    sendHtml(
      res,
      403,
      renderMessagePage({
        realm: options.realm,
        title: 'Chưa đạt định danh mức 2 · Level 2 not reached',
        message:
          'Tài khoản VNeID này mới được định danh mức 1 nên không thể xác thực mức 2. Hãy nâng cấp lên định danh mức 2 (tại công an cấp xã) rồi thử lại. ' +
          '(This VNeID account is verified at level 1 only, so it cannot reach level 2.)',
        extraHtml: `<form method="post" action="${escapeHtml(`${base}/abort`)}"><input type="hidden" name="reason" value="unmet"><button type="submit">Quay lại ứng dụng <span class="en" style="color:#fee2e2">Back to the application</span></button></form>`,
      }),
    );
    return;
  }

  logger.info({ sub: account.sub, clientId, method: action, acr: String(level) }, 'embedded identity provider: login');
  await provider.interactionFinished(req, res, { login: { accountId: account.sub, acr: String(level), amr: action === 'vneid' ? ['vneid'] : ['pwd'] } }, { mergeWithLastSubmission: false });
}
