// Child process: the ceiling for any Node gateway on a scenario — a bare node:http server that reads
// each request in full and answers with the scenario's expected response body, its bytes computed
// once (CEILING_BODY_FILE). Measured by `npm run bench` like a gateway (same load, core and flags).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.env['CEILING_BODY_FILE'] ?? '');
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const server = createServer((request, response) => {
  // Read the whole request body (as a gateway must) before answering.
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, headers);
    response.end(body);
  });
});
server.listen(Number(process.env['PORT']), process.env['HOST'] ?? '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
