// Where the machine's nats-server binary is, for the tests that start a private one (never the shared server on
// 4222): Debian installs it in /usr/sbin, which a non-login PATH (CI's, say) may not list.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The nats-server command. */
export const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((candidate) => existsSync(candidate)) ?? 'nats-server';

/** Whether nats-server can be run here (tests that need one skip, saying so, when it cannot). */
export const natsServerPresent = spawnSync(NATS_SERVER, ['--version']).status === 0;
