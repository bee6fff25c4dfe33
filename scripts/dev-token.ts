// `npm run token -- <username> [--vneid] [--password <p>]`: log in to the running embedded identity
// provider with authorization code + PKCE (client lien-thong-dev) and print the access token.
// The password form gives VNeID level 1; --vneid uses the simulated VNeID broker (the account's level).
// Development only.
import { parseArgs } from 'node:util';
import { API_SCOPES, DEMO_REALM } from '../auth/demo-realm.ts';
import { loginWithPkce } from '../testing/oidc-login.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { vneid: { type: 'boolean', default: false }, password: { type: 'string', default: 'demo' } } });
const username = positionals[0];
if (!username) {
  process.stderr.write('usage: npm run token -- <username> [--vneid] [--password <password>]   (e.g. an.nguyen --vneid)\n');
  process.exit(2);
}
const issuer = process.env['OIDC_ISSUER'] ?? `http://127.0.0.1:4100/realms/${DEMO_REALM}`;
try {
  const { accessToken } = await loginWithPkce({
    issuer,
    clientId: 'lien-thong-dev',
    redirectUri: 'http://127.0.0.1/callback',
    username,
    password: values.password,
    method: values.vneid ? 'vneid' : 'password',
    scope: ['openid', 'profile', ...API_SCOPES].join(' '),
  });
  process.stdout.write(`${accessToken}\n`);
} catch (error) {
  process.stderr.write(`login failed: ${(error as Error).message}\n`);
  process.exit(1);
}
