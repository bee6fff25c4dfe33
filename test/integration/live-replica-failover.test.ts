// Subscriptions through two gateway replicas (issue #15). Each replica carries all of its subscriptions
// to a subgraph over one connection, each subscription with its own viewer: many citizens on a replica
// cost the notification subgraph one socket, each hears only their own events, and a subscription whose
// per-operation token is missing, forged or minted for another purpose is refused by the subgraph.
// Then a gateway replica goes away under an open subscription (issue #15, Reliability): a citizen subscribed to
// notificationReceived through replica A; A shuts down; events keep happening; the citizen reconnects to
// replica B, subscribes again and reads the inbox. The inbox has every event exactly once (those heard
// live on A, those that happened while disconnected, those heard live on B), and neither subscription
// delivered anything twice. Both replicas run in this process against the same subgraphs, as behind a load
// balancer (the subgraphs, not the gateways, hold the live feed: gateway/subscriptions/README.md).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createInternalTokenSigner, GRAPHQL_PURPOSE, restPurpose } from '../../auth/internal-token.ts';
import { ANONYMOUS } from '../../auth/viewer.ts';
import type { Viewer } from '../../auth/viewer.ts';
import WebSocket from 'ws';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Hub } from '../../testing/hub.ts';
import { inboxLinks, watchInbox } from '../../testing/inbox.ts';
import type { LiveInbox } from '../../testing/inbox.ts';
import { startGatewayReplica } from '../../testing/redis-server.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';
import { until } from '../../testing/wait.ts';

const count = (list: readonly string[], code: string) => list.filter((one) => one === code).length;

describe('a gateway replica goes away under an open subscription', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let replicaA: { app: FastifyInstance; url: string };
  const open: LiveInbox[] = [];

  before(async () => {
    keyed = await startHubWithRealmKeys({ subgraphEnv: { FEEDBACK_SUMMARY_SCHEDULE: 'off' } });
    hub = keyed.hub;
    replicaA = await startGatewayReplica(hub, {});
    hub.subgraphs['notification']!.app.server.on('upgrade', (_request: IncomingMessage, socket: Duplex) => {
      upgraded.add(socket);
      socket.once('close', () => upgraded.delete(socket));
    });
  });
  after(async () => {
    for (const inbox of open) await inbox.close();
    await replicaA?.app.close();
    await keyed?.close();
  });

  /** An event for `citizenId` as the feedback subgraph announces a routed item (its code is the message's link). */
  const routed = async (citizenId: string): Promise<string> => {
    const code = `PA-${randomUUID().slice(0, 8)}`;
    await hub.bus.publish({ id: randomUUID(), topic: 'feedback.item-routed', occurredAt: new Date().toISOString(), payload: { code, citizenId, unitCode: 'UBND-P-BEN-THANH' } });
    return code;
  };
  /** Once a probe event arrives the subscription's upstream is in place (probes stay out of the counts). */
  const whenLive = async (inbox: LiveInbox, citizenId: string) => {
    const probes: string[] = [];
    await until('the subscription is live', async () => {
      if (probes.some((probe) => inbox.links.includes(probe))) return true;
      probes.push(await routed(citizenId));
      return false;
    });
  };

  /** The notification subgraph's open WebSocket connections (the gateways' upstreams), counted as it upgrades them. */
  const upgraded = new Set<Duplex>();
  const upstreamConnections = () => upgraded.size;

  test('one upstream connection per replica carries every citizen, each hearing only their own events', async () => {
    assert.equal(upstreamConnections(), 0, 'no subscription, no connection');
    const citizens = await Promise.all(
      Array.from({ length: 6 }, async (_, index) => {
        const citizenId = randomUUID();
        const token = await keyed.token({ sub: citizenId });
        return { citizenId, inbox: watchInbox(hub, token, index % 2 === 0 ? replicaA.url : hub.gatewayUrl) };
      }),
    );
    open.push(...citizens.map((citizen) => citizen.inbox));
    for (const { citizenId, inbox } of citizens) await whenLive(inbox, citizenId);
    assert.equal(upstreamConnections(), 2, 'six subscriptions through two replicas: two connections');

    const sent = new Map<string, string>();
    for (const { citizenId } of citizens) sent.set(citizenId, await routed(citizenId));
    await until('every citizen heard their event', () => citizens.every(({ citizenId, inbox }) => inbox.links.includes(sent.get(citizenId)!)));
    for (const { citizenId, inbox } of citizens) {
      for (const [other, code] of sent) if (other !== citizenId) assert.ok(!inbox.links.includes(code), "nobody hears another citizen's event");
    }
    for (const { inbox } of citizens) await inbox.close();
    await until('the connections close with their last subscription', () => upstreamConnections() === 0);
  });

  test("the subgraph refuses a multiplexed subscription whose own token is missing its prefix, forged or another route's", async () => {
    const signer = await createInternalTokenSigner(hub.internalKey);
    const connection = await signer.sign(ANONYMOUS, undefined, GRAPHQL_PURPOSE);
    const viewer: Viewer = { subject: randomUUID(), roles: ['citizen'], scopes: ['notification:read'], level: 2 };
    const socket = new WebSocket(hub.subgraphUrls['notification']!.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { authorization: `Bearer ${connection}` } });
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[number]));
    await new Promise((resolve) => socket.once('open', resolve));
    try {
      socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
      await until('the connection acknowledged', () => messages.some((message) => message.type === 'connection_ack'));
      const valid = await signer.sign(viewer, undefined, GRAPHQL_PURPOSE);
      const forged = [valid, `Bearer ${valid.replace(/\.[^.]+$/, '.c2lnbmF0dXJl')}`, `Bearer ${await signer.sign(viewer, undefined, restPurpose('notification', 'POST', '/receipts/:provider'))}`];
      for (const [index, authorization] of forged.entries()) {
        socket.send(
          JSON.stringify({
            id: String(index),
            type: 'subscribe',
            payload: { query: 'subscription { notificationReceived { link } }' },
            extensions: [{ type: 'connectionInit', payload: { authorization } }],
          }),
        );
      }
      await until('each refused', () => forged.every((_, index) => messages.some((message) => message.id === String(index) && message.type === 'error')));
      assert.ok(socket.readyState === WebSocket.OPEN, 'a refused operation leaves the connection to the others');
    } finally {
      socket.terminate();
    }
  });

  test('the client reconnects to another replica: its inbox has everything once, its streams nothing twice', async () => {
    const citizenId = randomUUID();
    const token = await keyed.token({ sub: citizenId });
    const onA = watchInbox(hub, token, replicaA.url);
    open.push(onA);
    await whenLive(onA, citizenId);

    const heardOnA: string[] = [];
    for (let index = 0; index < 3; index += 1) heardOnA.push(await routed(citizenId));
    await until('the first events on replica A', () => heardOnA.every((code) => onA.links.includes(code)));

    // Replica A goes away: its clients are told (1001) and its upstream subscriptions end with it.
    await replicaA.app.close();
    await until('the subscription on A ended', () => onA.ended() !== undefined);

    const meanwhile: string[] = [];
    for (let index = 0; index < 3; index += 1) meanwhile.push(await routed(citizenId));
    // They are written while the client is away (the consumer runs after the publish returns).
    await until('the events written meanwhile', async () => {
      const links = await inboxLinks(hub, token);
      return meanwhile.every((code) => links.includes(code));
    });

    // Reconnect to replica B (the hub's gateway): subscribe first, then read the inbox, so nothing falls between.
    const onB = watchInbox(hub, token);
    open.push(onB);
    await whenLive(onB, citizenId);
    const afterwards: string[] = [];
    for (let index = 0; index < 3; index += 1) afterwards.push(await routed(citizenId));
    await until('the later events on replica B', () => afterwards.every((code) => onB.links.includes(code)));

    const everything = [...heardOnA, ...meanwhile, ...afterwards];
    const inbox = await until('every event in the inbox', async () => {
      const links = await inboxLinks(hub, token);
      return everything.every((code) => links.includes(code)) ? links : undefined;
    });
    for (const code of everything) assert.equal(count(inbox, code), 1, `inbox, ${code}`);
    for (const code of heardOnA) assert.equal(count(onA.links, code), 1, `live on A, ${code}`);
    for (const code of afterwards) assert.equal(count(onB.links, code), 1, `live on B, ${code}`);
    // What happened while disconnected is the inbox's to tell: B does not replay it, and A heard none of it.
    for (const code of meanwhile) assert.equal(count([...onA.links, ...onB.links], code), 0, `not live, ${code}`);
    assert.equal(onB.ended(), undefined, 'the subscription on B stays open');
  });
});
