// A gateway replica goes away under an open subscription (issue #15, Reliability): a citizen subscribed to
// notificationReceived through replica A; A shuts down; events keep happening; the citizen reconnects to
// replica B, subscribes again and reads the inbox. The inbox has every event exactly once (those heard
// live on A, those that happened while disconnected, those heard live on B), and neither subscription
// delivered anything twice. Both replicas run in this process against the same subgraphs, as behind a load
// balancer (the subgraphs, not the gateways, hold the live feed: gateway/subscriptions/README.md).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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
