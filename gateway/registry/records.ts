// What the registry knows of a subgraph, and the subgraphs the release itself brings (schema/subgraphs.ts):
// those are always there, with their SDL from the release; the registry adds agencies' subgraphs and may
// replace a built-in's SDL, URL or options until that entry is retired.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { z } from 'zod';
import { REPOSITORY_ROOT, SUBGRAPHS } from '../../schema/subgraphs.ts';

/** Largest SDL a proposal may carry. */
export const MAX_SDL_BYTES = 512 * 1024;

/** A subgraph's record, as proposed, checked and published. */
export const subgraphRecordSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be 2 to 40 lowercase letters, digits or dashes, starting with a letter')
    .describe('Subgraph name (also its name in the supergraph).'),
  url: z
    .string()
    .max(2048)
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .describe("The subgraph's GraphQL endpoint."),
  agency: z.string().trim().min(2).max(200).describe('The owning agency.'),
  contact: z.string().trim().min(3).max(200).describe("Who answers for it (the agency's technical contact)."),
  timeoutMs: z.number().int().min(100).max(120_000).optional().describe("Longest wait for one of its requests; unset: the gateway's SUBGRAPH_TIMEOUT_MS."),
  personalData: z.boolean().describe('Whether it may receive personal data: when false, internal tokens sent to it carry no subject (`sub`) and no session (`sid`).'),
  sdl: z
    .string()
    .min(1)
    .refine((sdl) => Buffer.byteLength(sdl) <= MAX_SDL_BYTES, `must be at most ${MAX_SDL_BYTES} bytes`)
    .describe('Its current schema (SDL, Federation 2).'),
});

/** A subgraph as the registry records it. */
export type SubgraphRecord = z.infer<typeof subgraphRecordSchema>;

/** A record with where it comes from. */
export interface ListedSubgraph extends SubgraphRecord {
  /** Part of the release (schema/subgraphs.ts). */
  readonly builtIn: boolean;
  /** Changed or added through the registry. */
  readonly registered: boolean;
}

/** The agency that runs the release's own subgraphs. */
const HUB_AGENCY = 'Liên Thông (the hub itself)';

/** The release's subgraphs as records: their SDL files, default URLs, and personal data allowed (they are the hub's own). */
export async function builtInRecords(): Promise<SubgraphRecord[]> {
  return Promise.all(
    SUBGRAPHS.map(async (subgraph) => ({
      name: subgraph.name,
      url: subgraph.defaultUrl,
      agency: HUB_AGENCY,
      contact: 'see the README',
      personalData: true,
      sdl: await readFile(path.join(REPOSITORY_ROOT, subgraph.sdlFile), 'utf8'),
    })),
  );
}

/** The entity whose key is the person's id (their subject): every subgraph that resolves it learns who is asking. */
const PERSON_ENTITY = 'Citizen';

/**
 * Whether `sdl` defines or extends the person entity: the gateway then sends that subgraph representations
 * carrying the person's id, so such a subgraph must be allowed personal data. undefined when the SDL does not
 * parse (the composition check reports that).
 */
export function receivesPersonIds(sdl: string): boolean | undefined {
  let document;
  try {
    document = parse(sdl, { noLocation: true });
  } catch {
    return undefined;
  }
  return document.definitions.some((definition) => (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === PERSON_ENTITY);
}

/** Built-ins overlaid by registered records, in composition order (built-ins first, then by name). */
export function effectiveSubgraphs(builtIns: readonly SubgraphRecord[], registered: readonly SubgraphRecord[]): ListedSubgraph[] {
  const byName = new Map(registered.map((record) => [record.name, record]));
  const listed: ListedSubgraph[] = builtIns.map((record) => {
    const override = byName.get(record.name);
    return { ...(override ?? record), builtIn: true, registered: override !== undefined };
  });
  const added = registered.filter((record) => !builtIns.some((builtIn) => builtIn.name === record.name)).sort((a, b) => a.name.localeCompare(b.name));
  return [...listed, ...added.map((record) => ({ ...record, builtIn: false, registered: true }))];
}
