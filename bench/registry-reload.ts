// `npm run bench:reload`: what a supergraph publish costs under load (issue #16, live reload). A hub with a
// registered agency subgraph takes a steady stream of queries and mutations from `--workers` clients; first
// `--seconds` of steady traffic, then `--publishes` publishes (alternating two schema versions). Reported:
// each publish's time (admin API call to the new supergraph served: compose, build, warm, switch), the
// requests and failures, and request latency p50/p99 with and without reloads. Target: zero failures.
// A benchmark, never a timed test.
//
//   npm run bench:reload -- [--workers 8] [--seconds 5] [--publishes 10]
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import Fastify from 'fastify';
import { parse } from 'graphql';
import mercurius from 'mercurius';
import { DEMO_ACCOUNTS } from '../auth/demo-realm.ts';
import { startHubWithRealmKeys } from '../testing/tokens.ts';

const { values } = parseArgs({ options: { workers: { type: 'string' }, seconds: { type: 'string' }, publishes: { type: 'string' } } });
const workers = Number(values.workers ?? 8);
const seconds = Number(values.seconds ?? 5);
const publishes = Number(values.publishes ?? 10);

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n';
const V1 = `${LINK}type Query { outages: [Outage!]! }\ntype Mutation { reportOutage(district: String!): Outage! }\ntype Outage @key(fields: "id") { id: ID!, district: String! }\n`;
const V2 = V1.replace('district: String! }', 'district: String!, reason: String }');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const keyed = await startHubWithRealmKeys();
const water = Fastify();
const outages = [{ id: 'W-1', district: 'Quận 1', reason: null as string | null }];
await water.register(mercurius, {
  schema: buildSubgraphSchema([
    {
      typeDefs: parse(V2),
      resolvers: {
        Query: { outages: () => outages },
        Mutation: { reportOutage: (_root: unknown, args: { district: string }) => ({ id: 'W-2', district: args.district, reason: null }) },
      } as GraphQLResolverMap<unknown>,
    },
  ]),
});
const waterUrl = `${await water.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
const admin = await keyed.token({ sub: DEMO_ACCOUNTS.find((account) => account.roles.includes('platform-admin'))!.sub, roles: ['platform-admin'] });
const gateway = keyed.hub.gatewayUrl;

async function publish(sdl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${gateway}/admin/registry/subgraphs/water/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: waterUrl, agency: 'SAWACO', contact: 'api@sawaco.example.vn', personalData: false, sdl, allowBreaking: true }),
  });
  if (response.status !== 200) throw new Error(`publish answered ${response.status}: ${await response.text()}`);
  return performance.now() - started;
}

try {
  await publish(V1);
  const requests = ['query Outages { outages { id district } }', 'mutation Report { reportOutage(district: "Quận 3") { id } }', 'query Wards { wards { code } }'];
  let phase: 'steady' | 'reload' | 'stop' = 'steady';
  const latencies: Record<'steady' | 'reload', number[]> = { steady: [], reload: [] };
  const failures: string[] = [];
  const worker = async (offset: number) => {
    for (let index = offset; phase !== 'stop'; index += 1) {
      const current = phase;
      const started = performance.now();
      try {
        const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: requests[index % requests.length] }) });
        const body = (await response.json()) as { errors?: unknown };
        if (response.status !== 200 || body.errors) failures.push(`${response.status} ${JSON.stringify(body.errors)}`);
      } catch (error) {
        failures.push(String(error));
      }
      latencies[current].push(performance.now() - started);
    }
  };
  const running = Array.from({ length: workers }, (_, offset) => worker(offset));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  phase = 'reload';
  const publishTimes: number[] = [];
  for (let index = 0; index < publishes; index += 1) publishTimes.push(await publish(index % 2 === 0 ? V2 : V1));
  phase = 'stop';
  await Promise.all(running);
  const line = (name: string, samples: number[]) =>
    `${name.padEnd(16)} ${String(samples.length).padStart(6)} requests   p50 ${percentile(samples, 50).toFixed(1)} ms   p99 ${percentile(samples, 99).toFixed(1)} ms`;
  process.stdout.write(
    [
      `workers ${workers}, ${seconds} s steady, then ${publishes} publishes back to back`,
      line('steady', latencies.steady),
      line('during reloads', latencies.reload),
      `publish (compose, build, warm, switch): median ${percentile(publishTimes, 50).toFixed(0)} ms, max ${Math.max(...publishTimes).toFixed(0)} ms`,
      `failed requests: ${failures.length}${failures.length > 0 ? ` (first: ${failures[0]})` : ''}`,
      '',
    ].join('\n'),
  );
  process.exitCode = failures.length === 0 ? 0 : 1;
} finally {
  await water.close();
  await keyed.close();
}
