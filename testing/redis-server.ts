// A redis-server of the test's own on a free port (never the machine's shared one on 6379), which the
// test may kill, restart empty on the same port, or hang with SIGSTOP; and a second gateway replica
// built against a running hub, to check what replicas share through that Redis.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { parseGatewayConfig } from '../gateway/config.ts';
import { buildGateway } from '../gateway/server.ts';
import type { Hub } from './hub.ts';
import { freePort } from './free-port.ts';

export { freePort };

/** A running redis-server child process. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kill it (SIGKILL) and wait until it is gone. */
  kill(): Promise<void>;
  /** Stop it without closing its connections (SIGSTOP): it hangs. */
  pause(): void;
  resume(): void;
}

/** Why the Redis tests cannot run here (no redis-server binary), or undefined. */
export async function redisServerMissing(): Promise<string | undefined> {
  const child = spawn('redis-server', ['--version'], { stdio: 'ignore' });
  const [code] = (await Promise.race([once(child, 'exit'), once(child, 'error').then(() => [-1])])) as [number | null];
  return code === 0 ? undefined : 'redis-server is not installed: the Redis tests are skipped';
}

/** Start `redis-server` on `port` (a free one by default), without persistence; resolves once it accepts connections. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${chosen}: ${output.slice(-500)}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
  };
}

/** Another gateway replica for `hub` (same realm, subgraphs, internal key and registry), with `env` on top. */
export async function startGatewayReplica(hub: Hub, env: Record<string, string>): Promise<{ app: FastifyInstance; url: string }> {
  const config = parseGatewayConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    OIDC_ISSUER: hub.idp.issuer,
    INTERNAL_SIGNING_JWK: JSON.stringify(hub.internalKey.privateJwk),
    // The hub's registry: a replica serves what the hub's gateway publishes.
    REGISTRY_FILE: hub.registryFile,
    ...Object.fromEntries(Object.entries(hub.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
    ...env,
  });
  const { app } = await buildGateway(config, { logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}
