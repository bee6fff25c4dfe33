// HTML pages of the embedded identity provider: the login form and simple message pages (errors,
// logout). Plain server-rendered HTML with inline styles, no scripts; labels in Vietnamese and English.
import { escapeHtml } from '../../platform/html.ts';

/** Security headers for every HTML page of the identity provider (no scripts, no framing). */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // No form-action: browsers apply it to the redirects that follow the login POST (to the client).
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f3f4f6;color:#111827}
  header{background:#b91c1c;color:#fff;padding:14px 20px;font-weight:600}
  header small{display:block;font-weight:400;opacity:.85}
  main{max-width:400px;margin:32px auto;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:24px 28px}
  h1{font-size:1.35rem;margin:0 0 4px}
  .en{color:#6b7280;font-size:.85em;font-weight:400}
  label{display:block;margin:14px 0 4px;font-weight:500}
  input[type=text],input[type=password]{width:100%;padding:9px 10px;font-size:1rem;border:1px solid #d1d5db;border-radius:6px}
  button{width:100%;margin-top:18px;padding:10px;font-size:1rem;border:0;border-radius:6px;cursor:pointer;background:#b91c1c;color:#fff;font-weight:600}
  button.vneid{background:#fff;color:#b91c1c;border:1px solid #b91c1c;margin-top:10px}
  .error{background:#fef2f2;border:1px solid #fecaca;color:#991b1b;padding:10px;border-radius:6px;margin:12px 0}
  .demo{margin-top:22px;font-size:.85rem;color:#4b5563;border-top:1px solid #e5e7eb;padding-top:12px}
  .demo code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
  .client{color:#4b5563;font-size:.9rem;margin:0 0 8px}
  .notice{background:#fffbeb;border:1px solid #fcd34d;color:#92400e;padding:10px;border-radius:6px;margin:12px 0}
  .hint{font-size:.8rem;color:#6b7280;margin:6px 0 0}
  .or{text-align:center;margin:18px 0 4px;color:#6b7280;font-size:.85rem;border-top:1px solid #e5e7eb;line-height:0}
  .or>span{background:#fff;padding:0 8px}
  .vneid-box{border:1px solid #fecaca;border-radius:8px;padding:4px 14px 14px;margin-top:14px;background:#fffafa}
  .vneid-title{font-weight:600;margin:10px 0 4px}
  .vneid-logo{display:inline-block;background:#b91c1c;color:#fff;border-radius:4px;padding:1px 6px;font-weight:700;letter-spacing:.03em}
  .simulation{font-size:.8rem;color:#92400e;background:#fffbeb;border:1px dashed #f59e0b;border-radius:6px;padding:6px 8px;margin:6px 0}
  button.link{background:none;color:#4b5563;border:0;text-decoration:underline;font-weight:400;font-size:.9rem;margin-top:12px}
  button.secondary{background:#fff;color:#374151;border:1px solid #d1d5db}
`;

function layout(title: string, realm: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>Cổng định danh liên thông<small>${escapeHtml(realm)} · Identity provider</small></header>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageOptions {
  realm: string;
  /** Where the username/password form posts (the interaction's login action): realm-local login, LoA 1. */
  action: string;
  /** Where the simulated VNeID form posts (the interaction's vneid action): the account's verified level. */
  vneidAction: string;
  /** Where "cancel" posts (the interaction's abort action); no cancel button when absent. */
  abortAction?: string;
  /** The client that asked for the login, shown to the user. */
  clientId?: string;
  /** Message shown above the form after a failed attempt. */
  error?: string;
  /** Username to pre-fill (after a failed attempt, or the signed-in user during step-up). */
  username?: string;
  /** The VNeID level the request needs: 2 hides the username/password form (only VNeID can give level 2). */
  requiredLevel?: number;
  /** Usernames listed for convenience in development (the embedded provider is development-only). */
  demoUsernames?: readonly string[];
}

/** Message shown when a request needs VNeID level 2 (step-up). */
export const STEP_UP_MESSAGE = 'Cần xác thực VNeID mức 2';

/**
 * The login page, shaped like a Keycloak realm that brokers VNeID: a username/password form (a realm
 * account: acr "1") and a separate "Sign in with VNeID" form. The embedded provider only simulates the
 * VNeID broker: the VNeID form takes a demo username and password in place of the VNeID app, and
 * signs in at the account's verified level (acr "1" or "2").
 */
export function renderLoginPage(options: LoginPageOptions): string {
  const stepUp = (options.requiredLevel ?? 0) >= 2;
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const client = options.clientId ? `<p class="client">Ứng dụng <span class="en">(application)</span>: <strong>${escapeHtml(options.clientId)}</strong></p>` : '';
  const notice = stepUp
    ? `<p class="notice" role="status"><strong>${escapeHtml(STEP_UP_MESSAGE)}</strong><br><span class="en">This page needs VNeID level 2 (identity verified). Only the VNeID sign-in can provide it.</span></p>`
    : '';
  const demo = options.demoUsernames?.length
    ? `<div class="demo">Tài khoản thử nghiệm <span class="en">(demo accounts)</span>: ${options.demoUsernames.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}</div>`
    : '';
  const username = escapeHtml(options.username ?? '');
  const passwordForm = stepUp
    ? ''
    : `
<form method="post" action="${escapeHtml(options.action)}" autocomplete="on" id="password-form">
  <label for="username">Tên đăng nhập <span class="en">(username)</span></label>
  <input id="username" name="username" type="text" autocomplete="username" required autofocus value="${username}">
  <label for="password">Mật khẩu <span class="en">(password)</span></label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Đăng nhập <span class="en" style="color:#fee2e2">Sign in</span></button>
  <p class="hint">Tài khoản của cổng: mức định danh 1. <span class="en">Portal account: VNeID level 1.</span></p>
</form>
<div class="or"><span>hoặc <span class="en">or</span></span></div>`;
  const vneidForm = `
<form method="post" action="${escapeHtml(options.vneidAction)}" autocomplete="off" id="vneid-form" class="vneid-box">
  <p class="vneid-title"><span class="vneid-logo">VNeID</span> Định danh điện tử <span class="en">(national e-ID)</span></p>
  <p class="simulation">Mô phỏng <span class="en">(simulation)</span>: trong môi trường phát triển, nhập tài khoản thử nghiệm thay cho ứng dụng VNeID.
    <span class="en">The embedded provider simulates the VNeID broker: a demo username and password stand in for the VNeID app.</span></p>
  <label for="vneid-username">Tài khoản VNeID <span class="en">(simulated: demo username)</span></label>
  <input id="vneid-username" name="username" type="text" required${stepUp ? ' autofocus' : ''} value="${username}">
  <label for="vneid-password">Mật khẩu <span class="en">(simulated: demo password)</span></label>
  <input id="vneid-password" name="password" type="password" required>
  <button type="submit" class="vneid">Đăng nhập bằng VNeID <span class="en">Sign in with VNeID</span></button>
</form>`;
  const cancel = options.abortAction
    ? `<form method="post" action="${escapeHtml(options.abortAction)}"><input type="hidden" name="reason" value="cancel"><button type="submit" class="link">Hủy, quay lại ứng dụng <span class="en">Cancel, back to the application</span></button></form>`
    : '';
  const body = `
<h1>Đăng nhập <span class="en">Sign in</span></h1>
${client}
${notice}
${error}
${passwordForm}
${vneidForm}
${cancel}
${demo}`;
  return layout('Đăng nhập · Sign in', options.realm, body);
}

/** A page with a title and a message (errors, logout confirmation and success). `extraHtml` is trusted HTML. */
export function renderMessagePage(options: { realm: string; title: string; message: string; extraHtml?: string }): string {
  const body = `
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.message)}</p>
${options.extraHtml ?? ''}`;
  return layout(options.title, options.realm, body);
}
