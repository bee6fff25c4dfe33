// The public (API) schema of a supergraph: @theguild/federation-composition's own transform (join__ and
// link__ machinery and every @inaccessible element removed), loaded from its one module. The package's
// entry loads the whole composer (about 140 modules, 12 MB of a process's resident memory), which a
// gateway that only serves a supergraph never uses; the registry loads the composer when it composes.
// The transform's file sits beside the entry in the published package; if a release moves it, the whole
// package is loaded instead (same function, only the memory is lost).
import type * as Composition from '@theguild/federation-composition';
import type { DocumentNode } from 'graphql';

type Transform = (supergraph: DocumentNode) => DocumentNode;

const PACKAGE = '@theguild/federation-composition';

async function loadTransform(): Promise<Transform> {
  const entry = import.meta.resolve(PACKAGE);
  try {
    const own = (await import(new URL('./graphql/transform-supergraph-to-public-schema.js', entry).href)) as { transformSupergraphToPublicSchema?: Transform };
    if (typeof own.transformSupergraphToPublicSchema === 'function') return own.transformSupergraphToPublicSchema;
  } catch {
    // moved in a later release: the entry has it
  }
  return ((await import(PACKAGE)) as typeof Composition).transformSupergraphToPublicSchema;
}

/** The supergraph document without its federation machinery and @inaccessible elements. */
export const supergraphToPublicDocument: Transform = await loadTransform();
