// Notification preferences through the gateway: sensible defaults (in-app only, in-app always on),
// default channels, channels per kind, quiet hours; only one's own; bad input refused with coded errors
// and nothing changed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const VIEW = 'inApp email sms zalo channels kindChannels { kind channels } quietHours { start end } result: channelsFor(kind: DOSSIER_RESULT) routed: channelsFor(kind: FEEDBACK_ROUTED)';
const READ = `{ me { notificationPreferences { ${VIEW} } } }`;
const UPDATE = `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { ${VIEW} } }`;
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

describe('notification preferences', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const person = `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}`;
  let token: string;

  const read = async () => ((await hub.graphql(READ, { token })).body.data?.['me'] as { notificationPreferences: Record<string, unknown> }).notificationPreferences;
  const update = async (input: Record<string, unknown>) => (await hub.graphql(UPDATE, { token, variables: { input } })).body;

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    token = await keyed.token({ sub: person });
  });
  after(() => keyed?.close());

  test('defaults: in-app only, no quiet hours', async () => {
    assert.deepEqual(await read(), { inApp: true, email: false, sms: false, zalo: false, channels: ['IN_APP'], kindChannels: [], quietHours: null, result: ['IN_APP'], routed: ['IN_APP'] });
  });

  test('default channels, a kind of its own, quiet hours; in-app cannot be turned off; absent fields keep their value', async () => {
    let body = await update({ channels: ['EMAIL', 'SMS'] });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    body = await update({ kindChannels: [{ kind: 'DOSSIER_RESULT', channels: ['ZALO'] }], quietHours: { start: '22:00', end: '06:30' } });
    assert.deepEqual(body.data?.['updateNotificationPreferences'], {
      inApp: true,
      email: true,
      sms: true,
      zalo: false,
      channels: ['IN_APP', 'EMAIL', 'SMS'],
      kindChannels: [{ kind: 'DOSSIER_RESULT', channels: ['IN_APP', 'ZALO'] }],
      quietHours: { start: '22:00', end: '06:30' },
      result: ['IN_APP', 'ZALO'],
      routed: ['IN_APP', 'EMAIL', 'SMS'],
    });
    // An empty list for a kind: in-app only for it, and in-app stays on whatever is sent.
    body = await update({ channels: [], kindChannels: [{ kind: 'FEEDBACK_ROUTED', channels: [] }] });
    const now = body.data?.['updateNotificationPreferences'] as Record<string, unknown>;
    assert.deepEqual([now['inApp'], now['channels'], now['routed'], now['result']], [true, ['IN_APP'], ['IN_APP'], ['IN_APP']]);
    assert.deepEqual(now['quietHours'], { start: '22:00', end: '06:30' }, 'kept');
    body = await update({ quietHours: null });
    assert.equal((body.data?.['updateNotificationPreferences'] as Record<string, unknown>)['quietHours'], null);
  });

  test('bad input is coded and changes nothing', async () => {
    await update({ quietHours: { start: '21:00', end: '07:00' } });
    const before = await read();
    for (const [input, code] of [
      [{ quietHours: { start: '25:00', end: '06:00' } }, 'BAD_USER_INPUT'],
      [{ quietHours: { start: '7:00', end: '06:00' } }, 'BAD_USER_INPUT'],
      [{ quietHours: { start: '06:00', end: '06:00' } }, 'BAD_USER_INPUT'],
      [
        {
          kindChannels: [
            { kind: 'NOTICE', channels: [] },
            { kind: 'NOTICE', channels: ['SMS'] },
          ],
        },
        'BAD_USER_INPUT',
      ],
      [{ kindChannels: [{ kind: 'NO_SUCH_KIND', channels: [] }] }, 'BAD_USER_INPUT'],
      [{ channels: ['PIGEON'] }, 'BAD_USER_INPUT'],
      [{ channels: ['SMS'], wardCodes: ['P-NOWHERE'] }, 'BAD_USER_INPUT'],
    ] as const) {
      assert.equal(codeOf(await update(input)), code, JSON.stringify(input));
    }
    assert.deepEqual(await read(), before);
  });

  test('preferences are for a signed-in person only', async () => {
    assert.equal(codeOf(await hub.graphql(UPDATE, { variables: { input: { channels: [] } } }).then((reply) => reply.body)), 'UNAUTHENTICATED');
  });
});
