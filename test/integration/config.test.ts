// Bad configuration: one clear message listing every bad key, then exit 1 — for each process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseGatewayConfig } from '../../gateway/config.ts';
import { parseFeedbackConfig } from '../../subgraphs/feedback/config.ts';
import { ConfigError } from '../../platform/config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [entry], { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('configuration', () => {
  test('the defaults are valid: npm start needs no configuration', () => {
    const gateway = parseGatewayConfig({});
    assert.equal(gateway.port, 4000);
    assert.equal(gateway.oidcJwksUrl, `${gateway.oidcIssuer}/protocol/openid-connect/certs`);
    assert.equal(gateway.graphiql, true);
    assert.equal(parseGatewayConfig({ NODE_ENV: 'production' }).graphiql, false);
    const feedback = parseFeedbackConfig({});
    assert.equal(feedback.port, 4001);
    assert.equal(feedback.databaseUrl, undefined);
  });

  test('every bad key is reported at once', () => {
    assert.throws(
      () => parseGatewayConfig({ GATEWAY_PORT: 'eighty', OIDC_ISSUER: 'not a url', OIDC_ALGORITHMS: 'none', INTERNAL_SIGNING_JWK: '{oops' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const keys = error.problems.map((problem) => problem.split(':')[0]);
        assert.deepEqual(keys.sort(), ['GATEWAY_PORT', 'INTERNAL_SIGNING_JWK', 'OIDC_ALGORITHMS.0', 'OIDC_ISSUER'].sort());
        return true;
      },
    );
  });

  test('client policies and the Redis URL are validated too', () => {
    assert.throws(
      () => parseGatewayConfig({ CLIENT_POLICIES: '{"city-app": {"operations": ["not an op!"], "rateLimit": {"max": 0}}}', REDIS_URL: 'http://cache:6379' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /CLIENT_POLICIES/);
        assert.match(text, /REDIS_URL/);
        return true;
      },
    );
    assert.deepEqual(parseGatewayConfig({ CLIENT_POLICIES: '{"city-app": {"operations": ["Catalogue"]}}' }).clientPolicies, { 'city-app': { operations: ['Catalogue'] } });
  });

  test('the gateway process exits 1 with one message naming each bad key, and no stack trace', () => {
    const result = run('gateway/main.ts', { GATEWAY_PORT: '99999', OIDC_AUDIENCE: '', FEEDBACK_URL: 'ftp://x' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /gateway: invalid configuration/);
    for (const key of ['GATEWAY_PORT', 'OIDC_AUDIENCE', 'FEEDBACK_URL']) assert.match(result.stderr, new RegExp(`- ${key}`));
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test('a subgraph process exits 1 on a bad database URL and port', () => {
    const result = run('subgraphs/dossier/main.ts', { DOSSIER_DATABASE_URL: 'mysql://localhost/x', DOSSIER_PORT: '-1', SEED_DEMO_DATA: 'maybe' });
    assert.equal(result.status, 1);
    for (const key of ['DOSSIER_DATABASE_URL', 'DOSSIER_PORT', 'SEED_DEMO_DATA']) assert.match(result.stderr, new RegExp(`- ${key}`));
  });
});
