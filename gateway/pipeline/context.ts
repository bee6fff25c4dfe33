// The one object a GraphQL request carries through the pipeline's stages: what arrived, who sent it, and
// what each stage found. One plain object per request, every field present from the start (one shape).
import type { DocumentNode, ExecutionResult, OperationDefinitionNode } from 'graphql';
import type { GatewayMetrics } from '../metrics.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessTokenVerifier } from '../../auth/access-token.ts';
import type { InternalTokenSigner } from '../../auth/internal-token.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { GatewayConfig } from '../config.ts';
import type { AuthorizedOperation, Authorizer } from '../authorization.ts';
import type { ClientPolicy } from '../client-policy.ts';
import type { CodeLookupCounter } from '../code-lookups.ts';
import type { FederationEngine } from '../engine.ts';
import type { OperationMeasurer } from '../limits.ts';
import type { PreparedDocument } from '../operation-cache.ts';
import type { PersistedOperations } from '../persisted-operations.ts';
import type { RateLimiter } from '../rate-limit.ts';
import type { UpstreamPool } from '../subscriptions/upstream.ts';

/** A GraphQL request as sent over HTTP. */
export interface GraphQLHttpRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | undefined;
}

/** The reply's body, encoded once (inbound dedup shares it), and Retry-After when the whole request failed on an outage. */
export interface EncodedResult {
  readonly body: Buffer;
  readonly retryAfter: number | undefined;
  /** For the metrics: `ok`, `partial` (data and errors) or `error` (errors, no data). */
  readonly outcome: 'ok' | 'partial' | 'error';
}

/** What the stages use, built once per gateway by buildGateway. */
export interface PipelineServices {
  readonly config: GatewayConfig;
  readonly metrics: GatewayMetrics;
  readonly engine: FederationEngine;
  readonly signer: InternalTokenSigner;
  readonly rateLimiter: RateLimiter;
  readonly verifyAccessToken: AccessTokenVerifier;
  readonly prepare: (query: string) => PreparedDocument;
  readonly authorize: Authorizer;
  readonly measure: OperationMeasurer;
  readonly countCodeLookups: CodeLookupCounter;
  readonly persisted: PersistedOperations;
  readonly inflight: (key: readonly string[], work: () => Promise<EncodedResult>) => Promise<EncodedResult>;
  /** The subscriptions' connections to the subgraphs, one per subgraph, shared by every generation (subscriptions/upstream.ts). */
  readonly upstreams: UpstreamPool;
}

/** What the operation's checks read and fill (prepare to authorize): shared by /graphql and the live transports. */
export interface OperationContext {
  /** The query, variables and operation name read from the body or the query string. */
  readonly input: GraphQLHttpRequest;
  /** POST may mutate; GET may not. */
  readonly allowMutation: boolean;
  /** Over graphql-ws or SSE (gateway/subscriptions/): subscriptions only, and only there. */
  readonly streaming: boolean;
  /** admit: who asks, with scopes narrowed by the client's policy. */
  viewer: Viewer;
  /** admit: the client's policy, when it has one. */
  policy: ClientPolicy | undefined;
  /** prepare: the query parsed and validated, or why not. */
  prepared: PreparedDocument | undefined;
  /** prepare: the operation to run, when the document is valid and names one unambiguously. */
  operation: OperationDefinitionNode | undefined;
  /** check-operation: the document, known valid, with `operation` resolved in it. */
  document: DocumentNode | undefined;
  /** coerce: the variables coerced to the operation's types. */
  coerced: Record<string, unknown> | undefined;
  /** authorize: the operation without the fields the viewer may not see, and why each was removed. */
  authorized: AuthorizedOperation | undefined;
}

/** One GraphQL request in flight; each stage fills in its part (a later stage may rely on an earlier one's fields). */
export interface RequestContext extends OperationContext {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** admit: the caller's bearer token (undefined when anonymous). */
  token: string | undefined;
  /** execute: the engine's result, with denied fields nulled and their errors added. */
  result: ExecutionResult | undefined;
}
