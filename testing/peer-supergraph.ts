// A supergraph as the benchmark's peer gateways (@apollo/gateway) can load it: without federation's
// authorization features, which they refuse. For the benchmark and the composition test; the running
// gateway keeps those features and enforces them (gateway/authorization.ts).
import { Kind, parse, print, visit } from 'graphql';

const AUTHORIZATION_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'policy']);
const AUTHORIZATION_SCALARS = new Set(['policy__Policy', 'requiresScopes__Scope']);
const AUTHORIZATION_SPECS = /^https:\/\/specs\.apollo\.dev\/(authenticated|requiresScopes|policy)\//;

/**
 * The supergraph without the authorization features, for the benchmark's peers: @apollo/gateway refuses
 * supergraphs linking them ("for: SECURITY but is unsupported"). This gateway does not need it: the Rust
 * planner accepts them, the public schema leaves them out, and the authorizer enforces them.
 */
export function withoutAuthorizationFeatures(supergraphSdl: string): string {
  const stripped = visit(parse(supergraphSdl), {
    Directive(node) {
      if (AUTHORIZATION_DIRECTIVES.has(node.name.value)) return null;
      if (node.name.value === 'link') {
        const url = node.arguments?.find((argument) => argument.name.value === 'url')?.value;
        if (url?.kind === Kind.STRING && AUTHORIZATION_SPECS.test(url.value)) return null;
      }
      return undefined;
    },
    DirectiveDefinition(node) {
      return AUTHORIZATION_DIRECTIVES.has(node.name.value) ? null : undefined;
    },
    ScalarTypeDefinition(node) {
      return AUTHORIZATION_SCALARS.has(node.name.value) ? null : undefined;
    },
  });
  return print(stripped);
}
