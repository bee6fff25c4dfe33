// A TCP port on 127.0.0.1 for a server a test starts later (a portal whose redirect URI must be known
// before it listens, a redis-server, a PostgreSQL cluster). Chosen below the kernel's ephemeral range
// (ip_local_port_range starts at 32768): a port from that range, released after a bind to port 0, can be
// taken in the meantime by any outgoing connection of any process (two CI passes run side by side), and
// was (EADDRINUSE on a portal's port). Below it, only another listener can take it, and the bind is checked.
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_767;

/** A port on 127.0.0.1 that was free a moment ago, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (await bindable(port)) return port;
    if (attempt >= 200) throw new Error('no free port found below the ephemeral range');
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
