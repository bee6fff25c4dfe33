// The embedded identity provider's public types: what startEmbeddedIdp takes and returns, and the
// logger it writes to (a pino logger fits; silent when none is given).
import type { DemoAccount, DemoClient } from '../demo-realm.ts';

/** A realm client (`backchannelLogoutUri` optionally receives OIDC back-channel logout tokens). */
export type EmbeddedIdpClient = DemoClient;

/** What startEmbeddedIdp needs: where to listen, the realm's accounts and clients, keys and lifetimes. */
export interface EmbeddedIdpOptions {
  host: string;
  port: number;
  realm: string;
  accounts: readonly DemoAccount[];
  clients: readonly EmbeddedIdpClient[];
  /** persisted signing keys (JWKS with private parts); generated and written here if absent. undefined = in-memory keys */
  keysFile?: string;
  /** public base URL if different from http://host:port (behind a proxy that sets X-Forwarded-Host/Proto;
   *  a path in it, e.g. https://city.example/auth, must reach this server unchanged) */
  publicUrl?: string;
  logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  accessTokenTtlSeconds?: number;
}

/** A running embedded identity provider. */
export interface EmbeddedIdp {
  issuer: string;
  url: string;
  close(): Promise<void>;
}

/** The logger every part of the provider writes to. */
export type IdpLogger = NonNullable<EmbeddedIdpOptions['logger']>;

/** The logger used when the caller gives none. */
export const silentLogger: IdpLogger = { info() {}, warn() {} };
