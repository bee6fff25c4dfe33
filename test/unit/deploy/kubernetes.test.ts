// The Kubernetes manifests (deploy/kubernetes) hold together with the code they deploy: every file the
// kustomization names exists and parses; every container runs an entry point that exists, with probes on
// the health routes the processes serve, resources and a non-root user; every environment variable is a
// key its process reads (docs/configuration.md, generated from the config schemas and kept fresh by
// docs:check) and comes from a value the kustomization defines; ports agree with schema/subgraphs.ts and
// with the URLs the gateway is given; and only the gateway (and monitoring) may reach a subgraph.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { GATEWAY_NODE_FLAGS } from '../../../gateway/node-flags.ts';
import { BUILT_ENTRIES } from '../../../scripts/build.ts';
import { REPOSITORY_ROOT, SUBGRAPHS } from '../../../schema/subgraphs.ts';

const DIR = path.join(REPOSITORY_ROOT, 'deploy/kubernetes');

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, unknown> & {
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    podSelector?: { matchLabels?: Record<string, string> };
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    ports?: { name?: string; port: number; targetPort?: string | number }[];
    template?: { metadata: { labels: Record<string, string> }; spec: PodSpec };
    ingress?: { from?: Record<string, { matchLabels?: Record<string, string> }>[]; ports?: { port: number }[] }[];
  };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
}
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports: { name: string; containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

const read = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const kustomization = parseAllDocuments(read('kustomization.yaml'))[0]!.toJSON() as {
  resources: string[];
  images: { name: string; newName: string; newTag: string }[];
  configMapGenerator: { name: string; envs: string[] }[];
  secretGenerator: { name: string; envs: string[] }[];
};
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(read(file)).map((document) => {
    assert.deepEqual(document.errors, [], `${file} parses`);
    return document.toJSON() as Manifest;
  }),
);
const of = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);

/** KEY=value lines of an env file the kustomization generates from. */
function envFile(file: string): Map<string, string> {
  return new Map(
    read(file)
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as [string, string]),
  );
}
const generated = new Map<string, Map<string, string>>([
  ...kustomization.configMapGenerator.map((generator) => [generator.name, new Map(generator.envs.flatMap((file) => [...envFile(file)]))] as const),
  ...kustomization.secretGenerator.map((generator) => [generator.name, new Map(generator.envs.flatMap((file) => [...envFile(file)]))] as const),
]);

/** The keys each process reads, from the generated configuration reference: section → keys (`<NAME>_` patterns kept). */
const sections = new Map<string, Set<string>>();
let section = '';
for (const line of readFileSync(path.join(REPOSITORY_ROOT, 'docs/configuration.md'), 'utf8').split('\n')) {
  if (line.startsWith('## ')) sections.set((section = line.slice(3).trim()), new Set());
  const key = /^\| `([A-Z0-9_<>]+)` \|/.exec(line)?.[1];
  if (key) sections.get(section)?.add(key);
}

/**
 * A container command's entry file and node's flags before it: `node [flags…] <entry>`. A built entry
 * (`build/<path>.js`, scripts/build.ts) is given as its source, which must be one the build makes.
 */
function entryOf(command: readonly string[]): { entry: string; flags: string[]; built: boolean } {
  const at = command.findIndex((argument, index) => index > 0 && !argument.startsWith('-'));
  const file = command[at] ?? '';
  const built = /^build\/.+\.js$/.test(file);
  const entry = built ? file.slice('build/'.length).replace(/\.js$/, '.ts') : file;
  if (built) assert.ok((BUILT_ENTRIES as readonly string[]).includes(entry), `${file}: scripts/build.ts builds ${entry}`);
  return { entry, flags: command.slice(1, Math.max(at, 1)), built };
}

/** The keys the process started by `command` reads. */
function keysOf(command: readonly string[]): Set<string> {
  const { entry } = entryOf(command);
  if (entry === 'gateway/main.ts') return sections.get('Gateway') ?? new Set();
  if (entry === 'web/portal/main.ts') return sections.get('Portals') ?? new Set();
  const name = /^subgraphs\/([a-z]+)\/main\.ts$/.exec(entry)?.[1];
  const subgraph = SUBGRAPHS.find((candidate) => candidate.name === name);
  assert.ok(subgraph, `${entry} is a subgraph's entry point`);
  const own = sections.get(`${subgraph.name[0]!.toUpperCase()}${subgraph.name.slice(1)} subgraph`) ?? new Set<string>();
  return new Set([...(sections.get('Every subgraph') ?? []), ...own].map((key) => key.replace('<NAME>_', `${subgraph.envPrefix}_`)));
}

describe('the Kubernetes manifests', () => {
  test('every file the kustomization names exists; the image is set', () => {
    for (const file of [...kustomization.resources, ...kustomization.configMapGenerator.flatMap((g) => g.envs), ...kustomization.secretGenerator.flatMap((g) => g.envs)]) {
      assert.ok(existsSync(path.join(DIR, file)), file);
    }
    assert.ok(sections.size > 5 && (sections.get('Gateway')?.size ?? 0) > 20, 'the configuration reference was read');
    assert.ok(kustomization.images.some((image) => image.name === 'lien-thong' && image.newName && image.newTag));
  });

  const deployments = of('Deployment');
  test('one Deployment for the gateway, each subgraph and the portals', () => {
    assert.deepEqual(deployments.map((deployment) => deployment.metadata.name).sort(), ['gateway', 'portals', ...SUBGRAPHS.map((subgraph) => subgraph.name)].sort());
  });

  for (const deployment of deployments) {
    const name = deployment.metadata.name;
    const pod = deployment.spec.template!;
    const [container] = pod.spec.containers;
    test(`${name}: a real entry point, health probes, resources, non-root, its own keys only`, () => {
      assert.equal(pod.spec.containers.length, 1);
      assert.ok(container);
      assert.equal(container.image, 'lien-thong');
      assert.equal(container.command[0], 'node');
      const { entry, flags, built } = entryOf(container.command);
      assert.ok(existsSync(path.join(REPOSITORY_ROOT, entry)), `${entry} exists`);
      // The gateway runs from its JavaScript build (no TypeScript stripper in the process, as npm start and the benchmark run it).
      assert.equal(built, entry === 'gateway/main.ts');
      // The gateway runs with the flags `npm start` gives it (and the benchmark measured); nothing else takes any.
      assert.deepEqual(flags, entry === 'gateway/main.ts' ? GATEWAY_NODE_FLAGS : []);
      assert.deepEqual(deployment.spec.selector?.matchLabels, { 'app.kubernetes.io/name': name });
      assert.equal(pod.metadata.labels['app.kubernetes.io/name'], name);
      assert.equal(pod.spec.securityContext?.runAsNonRoot, true);
      for (const [probe, route] of [
        [container.readinessProbe, '/health/ready'],
        [container.livenessProbe, '/health/live'],
      ] as const) {
        assert.equal(probe?.httpGet.path, route);
        assert.ok(
          container.ports.some((port) => port.name === probe.httpGet.port || port.containerPort === probe.httpGet.port),
          `${route} on a port the container opens`,
        );
      }
      for (const kind of ['requests', 'limits'] as const) for (const resource of ['cpu', 'memory']) assert.ok(container.resources?.[kind]?.[resource], `${kind}.${resource}`);

      const keys = keysOf(container.command);
      for (const variable of container.env) {
        assert.ok(keys.has(variable.name), `${name} reads ${variable.name}`);
        const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
        if (ref) assert.ok(generated.get(ref.name)?.has(ref.key), `${variable.name}: ${ref.name} defines ${ref.key}`);
        else assert.equal(typeof variable.value, 'string', `${variable.name} has a value`);
      }
      const env = new Map(container.env.map((variable) => [variable.name, variable.value]));
      const port = (key: string) => Number(env.get(key));
      if (name === 'gateway') assert.deepEqual([port('GATEWAY_PORT'), env.get('GATEWAY_HOST')], [container.ports[0]!.containerPort, '0.0.0.0']);
      if (name === 'portals')
        assert.deepEqual(
          [port('PORTAL_1022_PORT'), port('PORTAL_DVC_PORT')],
          container.ports.map((entry) => entry.containerPort),
        );
      const subgraph = SUBGRAPHS.find((candidate) => candidate.name === name);
      if (subgraph) {
        assert.deepEqual([port(`${subgraph.envPrefix}_PORT`), env.get(`${subgraph.envPrefix}_HOST`)], [subgraph.defaultPort, '0.0.0.0']);
        assert.equal(container.ports[0]!.containerPort, subgraph.defaultPort);
        assert.ok(env.has(`${subgraph.envPrefix}_DATABASE_URL`), 'its own database');
      }
    });

    test(`${name}: a Service on its ports and a PodDisruptionBudget`, () => {
      const service = of('Service').find((candidate) => candidate.metadata.name === name);
      assert.deepEqual(service?.spec.selector, { 'app.kubernetes.io/name': name });
      assert.deepEqual(
        service.spec.ports?.map((entry) => [entry.port, entry.targetPort]),
        container!.ports.map((entry) => [entry.containerPort, entry.name]),
      );
      const budget = of('PodDisruptionBudget').find((candidate) => candidate.spec.selector?.matchLabels?.['app.kubernetes.io/name'] === name);
      assert.ok(budget, 'a PodDisruptionBudget');
      assert.ok(Number(deployment.spec['replicas']) > Number(budget.spec['minAvailable']), 'a node can drain without taking it down');
    });
  }

  test('the gateway scales on CPU with at least two replicas', () => {
    const [autoscaler] = of('HorizontalPodAutoscaler');
    assert.deepEqual(autoscaler?.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    assert.ok((autoscaler.spec.minReplicas ?? 0) >= 2);
  });

  test("the gateway's subgraph URLs and the subgraphs' JWKS URL name the Services and their ports", () => {
    const values = generated.get('lien-thong-values')!;
    const services = new Map(of('Service').map((service) => [service.metadata.name, service.spec.ports?.[0]?.port]));
    for (const subgraph of SUBGRAPHS) {
      const url = new URL(values.get(`${subgraph.envPrefix}_URL`) ?? '');
      assert.equal(url.hostname.split('.')[0], subgraph.name);
      assert.equal(Number(url.port), services.get(subgraph.name), `${subgraph.name}'s URL port`);
      assert.equal(url.pathname, '/graphql');
    }
    const jwks = new URL(values.get('INTERNAL_JWKS_URL') ?? '');
    assert.deepEqual([jwks.hostname.split('.')[0], Number(jwks.port), jwks.pathname], ['gateway', services.get('gateway'), '/.well-known/jwks.json']);
  });

  test('network policies: everything denied by default; only the gateway (and monitoring) reaches a subgraph', () => {
    const policies = of('NetworkPolicy');
    assert.ok(
      policies.some((policy) => Object.keys(policy.spec.podSelector ?? {}).length === 0 && !policy.spec.ingress),
      'default deny',
    );
    for (const subgraph of SUBGRAPHS) {
      const mine = policies.filter((policy) => policy.spec.podSelector?.matchLabels?.['app.kubernetes.io/name'] === subgraph.name);
      assert.equal(mine.length, 1, subgraph.name);
      for (const rule of mine[0]!.spec.ingress ?? []) {
        assert.ok(rule.from?.length, 'never open to everyone');
        for (const peer of rule.from) {
          const pods = peer['podSelector']?.matchLabels;
          const namespaces = peer['namespaceSelector']?.matchLabels;
          assert.ok(pods?.['app.kubernetes.io/name'] === 'gateway' || namespaces?.['kubernetes.io/metadata.name'] === 'monitoring', JSON.stringify(peer));
        }
        assert.deepEqual(
          rule.ports?.map((entry) => entry.port),
          [subgraph.defaultPort],
        );
      }
    }
  });

  test('the health routes the probes call are the ones the processes serve', () => {
    for (const file of ['gateway/server.ts', 'subgraphs/kit/server.ts', 'web/portal/routes/health.ts']) {
      const source = readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
      for (const route of ['/health/live', '/health/ready']) assert.ok(source.includes(`'${route}'`) || source.includes('READINESS_PATH'), `${file} serves ${route}`);
    }
  });
});
