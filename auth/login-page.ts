// HTML pages of the embedded identity provider: the login form and simple message pages (errors,
// logout). Plain server-rendered HTML with inline styles, no scripts; labels in Vietnamese and English.

/** Escape a string for HTML text and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

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
  /** Where the form posts (the interaction's login action). */
  action: string;
  /** The client that asked for the login, shown to the user. */
  clientId?: string;
  /** Message shown above the form after a failed attempt. */
  error?: string;
  /** Username to pre-fill after a failed attempt. */
  username?: string;
  /** Usernames listed for convenience in development (the embedded provider is development-only). */
  demoUsernames?: readonly string[];
}

/** The login form: username and password, plus a "VNeID" button that posts the same form for now. */
export function renderLoginPage(options: LoginPageOptions): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const client = options.clientId
    ? `<p class="client">Ứng dụng <span class="en">(application)</span>: <strong>${escapeHtml(options.clientId)}</strong></p>`
    : '';
  const demo = options.demoUsernames?.length
    ? `<div class="demo">Tài khoản thử nghiệm <span class="en">(demo accounts)</span>: ${options.demoUsernames
        .map((name) => `<code>${escapeHtml(name)}</code>`)
        .join(', ')}</div>`
    : '';
  const body = `
<h1>Đăng nhập <span class="en">Sign in</span></h1>
${client}
${error}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="on">
  <label for="username">Tên đăng nhập <span class="en">(username)</span></label>
  <input id="username" name="username" type="text" autocomplete="username" required autofocus value="${escapeHtml(options.username ?? '')}">
  <label for="password">Mật khẩu <span class="en">(password)</span></label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit" name="method" value="password">Đăng nhập <span class="en" style="color:#fee2e2">Sign in</span></button>
  <button type="submit" name="method" value="vneid" class="vneid">Đăng nhập bằng VNeID <span class="en">Sign in with VNeID</span></button>
</form>
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
