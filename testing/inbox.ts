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

/**
 * Subscribe to the viewer's new messages over graphql-ws (no client-side retries: a drop shows as an end),
 * through the hub's gateway or another replica's `gatewayUrl`.
 */
export function watchInbox(hub: Hub, token: string, gatewayUrl = hub.gatewayUrl): LiveInbox {
  class Socket extends WebSocket {}
  const client = createClient({ url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: Socket, retryAttempts: 0, connectionParams: { Authorization: `Bearer ${token}` } });
  const links: string[] = [];
  let ended: unknown;
  client.subscribe(
    { query: 'subscription { notificationReceived { kind link } }' },
    {
      next: (result) => void links.push((result.data?.['notificationReceived'] as { link: string }).link),
      error: (error) => void (ended = error),
      complete: () => void (ended = 'complete'),
    },
  );
  return { links, ended: () => ended, close: async () => await Promise.resolve(client.dispose()).catch(() => {}) };
}

/** The links of the viewer's inbox messages (newest first), read through the gateway as a reconnecting client does. */
export async function inboxLinks(hub: Hub, token: string, first = 100): Promise<string[]> {
  const { body } = await hub.graphql(`{ me { notifications(first: ${first}) { link } } }`, { token });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return ((body.data?.['me'] as { notifications: { link: string }[] } | null)?.notifications ?? []).map((message) => message.link);
}
