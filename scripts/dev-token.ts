// `npm run token -- <username> [password]`: log in to the running embedded identity provider with
// authorization code + PKCE (client lien-thong-dev) and print the access token. Development only.
import { DEMO_REALM } from '../auth/demo-realm.ts';
import { loginWithPkce } from '../test/helpers/oidc-login.ts';

const [username, password = 'demo'] = process.argv.slice(2);
if (!username) {
  process.stderr.write('usage: npm run token -- <username> [password]   (e.g. an.nguyen)\n');
  process.exit(2);
}
const issuer = process.env['OIDC_ISSUER'] ?? `http://127.0.0.1:4100/realms/${DEMO_REALM}`;
try {
  const { accessToken } = await loginWithPkce({ issuer, clientId: 'lien-thong-dev', redirectUri: 'http://127.0.0.1/callback', username, password });
  process.stdout.write(`${accessToken}\n`);
} catch (error) {
  process.stderr.write(`login failed: ${(error as Error).message}\n`);
  process.exit(1);
}
