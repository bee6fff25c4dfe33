// `npm run subgraph:propose|check|publish|retire -- <name> …`: the registry of subgraphs from a terminal,
// through the gateway's admin API (gateway/registry/admin-routes.ts), as a platform administrator.
//   check    <name> --sdl <file-or-url> [--url …] [--agency …] [--contact …] [--personal-data|--no-personal-data] [--timeout-ms …]
//   propose  <name> (same options): check and keep the proposal
//   publish  <name> [--allow-breaking]                 the kept proposal, or with --sdl … the record given here
//   retire   <name> [--allow-breaking]
// A field not given is taken from the subgraph's current record when it has one.
// GATEWAY_URL (default http://127.0.0.1:4000) and a bearer token (`--token`, or LIEN_THONG_TOKEN; e.g. from
// `npm run token -- khoa.bui`). Exit 0 when done, 1 when refused (the report says why), 2 on a usage error.
import { parseArgs } from 'node:util';
import { readSdl } from '../schema/check.ts';
import { formatReport } from '../schema/proposal-check.ts';
import type { ProposalReport } from '../schema/proposal-check.ts';

const ACTIONS = ['check', 'propose', 'publish', 'retire'] as const;
type Action = (typeof ACTIONS)[number];

const USAGE = `usage: npm run subgraph:<check|propose|publish|retire> -- <name> [--sdl <file-or-url>] [--url <endpoint>] [--agency <name>] [--contact <contact>]
       [--personal-data | --no-personal-data] [--timeout-ms <ms>] [--allow-breaking] [--token <bearer>]   (GATEWAY_URL, LIEN_THONG_TOKEN)
`;

interface ApiReply {
  readonly status: number;
  readonly body: {
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    report?: Omit<ProposalReport, 'supergraphSdl'>;
    supergraph?: { generation: number; hash: string };
    [key: string]: unknown;
  };
}

/** Run one command; returns the exit code. */
export async function runSubgraphCommand(argv: readonly string[], env: Record<string, string | undefined>, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [action, ...rest] = argv;
  if (!ACTIONS.includes(action as Action)) {
    err(USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      allowNegative: true,
      options: {
        sdl: { type: 'string' },
        url: { type: 'string' },
        agency: { type: 'string' },
        contact: { type: 'string' },
        'personal-data': { type: 'boolean' },
        'timeout-ms': { type: 'string' },
        'allow-breaking': { type: 'boolean', default: false },
        token: { type: 'string' },
      },
    });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const name = parsed.positionals[0];
  const token = parsed.values.token ?? env['LIEN_THONG_TOKEN'];
  if (!name || parsed.positionals.length > 1 || !token) {
    err(`${token ? '' : 'a bearer token is needed (--token or LIEN_THONG_TOKEN)\n'}${USAGE}`);
    return 2;
  }
  const gateway = (env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
  const api = async (method: string, path: string, body?: unknown): Promise<ApiReply> => {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as ApiReply['body'] };
  };
  const allowBreaking = parsed.values['allow-breaking'] ?? false;
  try {
    let reply: ApiReply;
    if (action === 'retire') {
      reply = await api('DELETE', `/admin/registry/subgraphs/${encodeURIComponent(name)}${allowBreaking ? '?allowBreaking=true' : ''}`);
    } else if (action === 'publish' && parsed.values.sdl === undefined) {
      reply = await api('POST', `/admin/registry/subgraphs/${encodeURIComponent(name)}/publish`, { allowBreaking });
    } else {
      if (parsed.values.sdl === undefined) {
        err(`--sdl is needed to ${action} ${name}\n${USAGE}`);
        return 2;
      }
      const current = await api('GET', `/admin/registry/subgraphs/${encodeURIComponent(name)}`);
      const known = current.status === 200 ? current.body : {};
      const timeout = parsed.values['timeout-ms'];
      const record = {
        name,
        url: parsed.values.url ?? known['url'],
        agency: parsed.values.agency ?? known['agency'],
        contact: parsed.values.contact ?? known['contact'],
        personalData: parsed.values['personal-data'] ?? known['personalData'] ?? false,
        ...(timeout !== undefined ? { timeoutMs: Number(timeout) } : known['timeoutMs'] !== undefined ? { timeoutMs: known['timeoutMs'] } : {}),
        sdl: await readSdl(parsed.values.sdl),
      };
      reply =
        action === 'check'
          ? await api('POST', '/admin/registry/check', record)
          : action === 'propose'
            ? await api('POST', '/admin/registry/proposals', record)
            : await api('POST', `/admin/registry/subgraphs/${encodeURIComponent(name)}/publish`, { ...record, allowBreaking });
    }
    const refused = reply.status !== 200 || reply.body['passes'] === false;
    if (reply.body.report) (refused ? err : out)(formatReport(`${name}`, { ...reply.body.report, supergraphSdl: undefined }));
    const error = reply.body.errors?.[0];
    if (error) {
      const field = error.extensions?.['field'];
      const code = error.extensions?.['code'];
      err(`${typeof code === 'string' ? code : String(reply.status)}: ${error.message}${typeof field === 'string' ? ` (${field})` : ''}\n`);
      return reply.status === 400 ? 2 : 1;
    }
    if (action === 'check') return reply.body['passes'] === true ? 0 : 1;
    out(
      `${action === 'propose' ? `proposal for ${name} kept` : `${action === 'publish' ? 'published' : 'retired'} ${name}: serving supergraph ${reply.body.supergraph?.hash.slice(0, 12)} (generation ${reply.body.supergraph?.generation})`}\n`,
    );
    return 0;
  } catch (error) {
    err(`${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(
    await runSubgraphCommand(
      process.argv.slice(2),
      process.env,
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    ),
  );
}
