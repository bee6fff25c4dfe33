// Nothing Elastic-licensed (or outside licences.allow.json) in what `npm ci --omit=dev` installs for the
// gateway, subgraphs and portals: the walk of package.json + package-lock.json in
// scripts/licence-check.ts, checked against npm's own view and on small fixtures.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLicences, declaredLicence, describeViolation, judgeLicence, productionClosure, repositoryInput } from '../../../scripts/licence-check.ts';
import type { LicencePolicy, LockEntry, Manifest } from '../../../scripts/licence-check.ts';

const APOLLO_ELASTIC = ['@apollo/composition', '@apollo/federation-internals', '@apollo/gateway', '@apollo/query-planner'];

describe('licences of the production dependencies', () => {
  const input = repositoryInput();

  test('no production dependency is Elastic-licensed or outside the allow-list', () => {
    const violations = checkLicences(input);
    assert.deepEqual(violations.map(describeViolation), []);
  });

  test('the walk finds exactly the packages npm itself marks as production in package-lock.json', () => {
    const walked = productionClosure(input.manifest, input.lockPackages).map((item) => item.lockPath);
    const npm = Object.entries(input.lockPackages).flatMap(([lockPath, entry]) => (lockPath !== '' && (entry as { dev?: boolean }).dev !== true ? [lockPath] : []));
    assert.deepEqual(walked.sort(), npm.sort());
  });

  test("with Apollo's Elastic packages as dev dependencies, nothing Elastic-licensed is left in production", () => {
    const dependencies = Object.fromEntries(Object.entries(input.manifest.dependencies ?? {}).filter(([name]) => !APOLLO_ELASTIC.includes(name)));
    const violations = checkLicences({ ...input, manifest: { ...input.manifest, dependencies } });
    assert.deepEqual(violations.map(describeViolation), []);
  });
});

describe('licence expressions and dependency paths', () => {
  const policy: LicencePolicy = { allowed: { MIT: 'permissive', 'Apache-2.0': 'permissive', ISC: 'permissive' }, denied: { 'Elastic-2.0': 'no managed service' } };

  test('SPDX expressions: OR takes an allowed choice, AND needs every part, WITH and + judge the licence itself', () => {
    const verdicts = Object.fromEntries(
      [
        'MIT',
        '(MIT OR Apache-2.0)',
        '(Elastic-2.0 OR MIT)',
        'MIT AND Elastic-2.0',
        'MIT and ISC',
        '(MIT AND (ISC OR GPL-3.0))',
        'Apache-2.0 WITH LLVM-exception',
        'GPL-2.0+',
        'Elastic-2.0',
        'WTFPL',
        '',
        'MIT OR',
      ].map((expression) => {
        const verdict = judgeLicence(expression, policy);
        return [expression, verdict.ok ? 'ok' : verdict.reason];
      }),
    );
    assert.deepEqual(verdicts, {
      MIT: 'ok',
      '(MIT OR Apache-2.0)': 'ok',
      '(Elastic-2.0 OR MIT)': 'ok',
      'MIT AND Elastic-2.0': 'Elastic-2.0 is denied: no managed service',
      'MIT and ISC': 'ok',
      '(MIT AND (ISC OR GPL-3.0))': 'ok',
      'Apache-2.0 WITH LLVM-exception': 'ok',
      'GPL-2.0+': 'GPL-2.0 is not on the allow-list (licences.allow.json)',
      'Elastic-2.0': 'Elastic-2.0 is denied: no managed service',
      WTFPL: 'WTFPL is not on the allow-list (licences.allow.json)',
      '': 'no licence declared',
      'MIT OR': 'unreadable licence expression "MIT OR"',
    });
  });

  test('the licence is read from `license` (string or object) or an old `licenses` array', () => {
    assert.equal(declaredLicence({ license: 'MIT' }), 'MIT');
    assert.equal(declaredLicence({ license: { type: 'ISC' } }), 'ISC');
    assert.equal(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] }), '(MIT OR Apache-2.0)');
    assert.equal(declaredLicence({ licenses: [{ type: 'MIT' }] }), 'MIT');
    assert.equal(declaredLicence({}), '');
    assert.equal(declaredLicence(undefined), '');
  });

  test('a violation names the package and the path that pulls it in, following nested node_modules', () => {
    const manifest: Manifest = { dependencies: { app: '1' }, optionalDependencies: { native: '1' } };
    const lockPackages: Record<string, LockEntry> = {
      '': manifest,
      'node_modules/app': { version: '1.0.0', dependencies: { planner: '^2', shared: '1' } },
      // app gets its own planner@2 (Elastic); the hoisted planner@1 is what only a dev tool uses.
      'node_modules/app/node_modules/planner': { version: '2.0.0', dependencies: { shared: '1' } },
      'node_modules/planner': { version: '1.0.0' },
      'node_modules/shared': { version: '1.0.0' },
      'node_modules/native': { version: '1.0.0', license: 'MIT' },
      'node_modules/dev-tool': { version: '1.0.0', dependencies: { planner: '1' } },
    };
    const installed: Record<string, Manifest> = {
      'node_modules/app': { name: 'app', license: 'MIT' },
      'node_modules/app/node_modules/planner': { name: 'planner', license: 'Elastic-2.0' },
      'node_modules/planner': { name: 'planner', license: 'Elastic-2.0' },
      'node_modules/shared': { name: 'shared' },
      'node_modules/dev-tool': { name: 'dev-tool', license: 'WTFPL' },
    };
    const violations = checkLicences({ manifest, lockPackages, policy, readInstalled: (lockPath) => installed[lockPath] });
    assert.deepEqual(violations, [
      { name: 'planner', version: '2.0.0', licence: 'Elastic-2.0', reason: 'Elastic-2.0 is denied: no managed service', via: ['app', 'planner'] },
      { name: 'shared', version: '1.0.0', licence: '(none)', reason: 'no licence declared', via: ['app', 'shared'] },
    ]);
    // `native` is not installed on this platform: its licence comes from the lock.
    assert.ok(!violations.some((item) => item.name === 'native'));
  });
});
