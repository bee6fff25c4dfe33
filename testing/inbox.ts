// A citizen's notifications as the tests that follow an event to them see it: their channels chosen
// through the gateway, and their open graphql-ws subscription to notificationReceived.
import assert from 'node:assert/strict';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Hub } from './hub.ts';

/** Give the viewer of `token` an e-mail contact point and choose in-app and e-mail. */
export async function chooseEmail(hub: Hub, token: string, email: string): Promise<void> {
  for (const query of [
    `mutation { setContactPoint(channel: EMAIL, address: "${email}") { channel } }`,
    'mutation { updateNotificationPreferences(input: { channels: [IN_APP, EMAIL] }) { channels } }',
  ]) {
    const { body } = await hub.graphql(query, { token });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  }
}

/** An open notificationReceived subscription through the gateway. */
export interface LiveInbox {
  /** The link of every message received, in order. */
  readonly links: string[];
  /** Why the stream ended (an error, or 'complete'); undefined while it is open. */
  ended(): unknown;
  close(): Promise<void>;
}

/** An open subscription through the gateway over graphql-ws: what each result gave, as it arrives. */
export interface LiveSubscription<Value> {
  readonly results: Value[];
  /** Why the stream ended (an error, or 'complete'); undefined while it is open. */
  ended(): unknown;
  close(): Promise<void>;
}

/**
 * Subscribe as the viewer of `token`, keeping `pick` of each result's data (no client-side retries: a drop
 * shows as an end; an error result ends it too), through the hub's gateway or another replica's `gatewayUrl`.
 */
export function watchLive<Value>(
  hub: Hub,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => Value,
  gatewayUrl = hub.gatewayUrl,
): LiveSubscription<Value> {
  class Socket extends WebSocket {}
  const client = createClient({ url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: Socket, retryAttempts: 0, connectionParams: { Authorization: `Bearer ${token}` } });
  const results: Value[] = [];
  let ended: unknown;
  client.subscribe(
    { query, variables },
    {
      next: (result) => void (result.errors ? (ended = result.errors) : results.push(pick(result.data ?? {}))),
      error: (error) => void (ended = error),
      complete: () => void (ended ??= 'complete'),
    },
  );
  return { results, ended: () => ended, close: async () => await Promise.resolve(client.dispose()).catch(() => {}) };
}

/** Subscribe to the viewer's new messages over graphql-ws, through the hub's gateway or another replica's `gatewayUrl`. */
export function watchInbox(hub: Hub, token: string, gatewayUrl = hub.gatewayUrl): LiveInbox {
  const live = watchLive(hub, token, 'subscription { notificationReceived { kind link } }', {}, (data) => (data['notificationReceived'] as { link: string }).link, gatewayUrl);
  return { links: live.results, ended: () => live.ended(), close: () => live.close() };
}

/** The links of the viewer's inbox messages (newest first), read through the gateway as a reconnecting client does. */
export async function inboxLinks(hub: Hub, token: string, first = 100): Promise<string[]> {
  const { body } = await hub.graphql(`{ me { notifications(first: ${first}) { link } } }`, { token });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return ((body.data?.['me'] as { notifications: { link: string }[] } | null)?.notifications ?? []).map((message) => message.link);
}
