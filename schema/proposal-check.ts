// The check a subgraph change passes before it goes live (schema:check with arguments, the gateway's admin
// API, `npm run subgraph:*`): the proposal composes with every other subgraph, and what it changes in the
// current supergraph breaks no recorded operation, or is explicitly allowed to.
import { GraphQLError, parse } from 'graphql';
import { composeSubgraphs } from './compose.ts';
import type { ServiceToCompose } from './compose.ts';
import { findSchemaChanges } from './breaking-changes.ts';
import type { KnownOperation, SchemaChange } from './breaking-changes.ts';

/** What a check found. */
export interface ProposalReport {
  readonly composes: boolean;
  /** The composer's errors, one per line, when it does not compose. */
  readonly compositionErrors: readonly string[];
  readonly breaking: readonly SchemaChange[];
  readonly dangerous: readonly SchemaChange[];
  /** The supergraph it would serve, when it composes. */
  readonly supergraphSdl: string | undefined;
}

/** Compose `services` (the proposal applied) and compare the result with `currentSupergraph`. */
export function checkProposal(currentSupergraph: string, services: readonly ServiceToCompose[], operations: readonly KnownOperation[]): ProposalReport {
  // A syntax error is the proposal's, reported like a composition error (with its line and column), never thrown.
  const syntaxErrors = services.flatMap((service) => {
    if (typeof service.sdl !== 'string') return [];
    try {
      parse(service.sdl);
      return [];
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const where = error.locations?.[0];
      return [`[${service.name}] ${error.message}${where ? ` (line ${where.line}, column ${where.column})` : ''}`];
    }
  });
  if (syntaxErrors.length > 0) return { composes: false, compositionErrors: syntaxErrors, breaking: [], dangerous: [], supergraphSdl: undefined };
  const outcome = composeSubgraphs(services);
  if (!outcome.ok) return { composes: false, compositionErrors: outcome.errors, breaking: [], dangerous: [], supergraphSdl: undefined };
  const changes = findSchemaChanges(currentSupergraph, outcome.supergraphSdl, operations);
  return { composes: true, compositionErrors: [], ...changes, supergraphSdl: outcome.supergraphSdl };
}

/** Whether the report lets the change go live. */
export function passes(report: ProposalReport, allowBreaking: boolean): boolean {
  return report.composes && (allowBreaking || report.breaking.length === 0);
}

/** The report as text for a terminal. */
export function formatReport(subject: string, report: ProposalReport): string {
  if (!report.composes) return `${subject} does not compose with the other subgraphs:\n${report.compositionErrors.map((error) => `  - ${error}`).join('\n')}\n`;
  const lines = [`${subject} composes with the other subgraphs.`];
  const list = (title: string, changes: readonly SchemaChange[], verb: string) => {
    if (changes.length === 0) return;
    lines.push(`${title} (${changes.length}):`);
    for (const change of changes) {
      lines.push(`  - [${change.kind}] ${change.description}${change.subgraphs.length > 0 ? ` (subgraph ${change.subgraphs.join(', ')})` : ''}`);
      if (change.affectedOperations.length === 0) lines.push('      no recorded operation uses it');
      for (const operation of change.affectedOperations.slice(0, 20)) {
        lines.push(
          `      ${verb} ${operation.name ?? '(anonymous)'} ${operation.hash.slice(0, 12)} (${operation.source}, seen ${operation.count}×${operation.lastSeen ? `, last ${operation.lastSeen}` : ''})`,
        );
      }
      if (change.affectedOperations.length > 20) lines.push(`      … and ${change.affectedOperations.length - 20} more`);
    }
  };
  list('Breaking changes', report.breaking, 'breaks');
  list('Dangerous changes', report.dangerous, 'may affect');
  if (report.breaking.length === 0 && report.dangerous.length === 0) lines.push('No change to the public schema breaks a client.');
  return `${lines.join('\n')}\n`;
}
