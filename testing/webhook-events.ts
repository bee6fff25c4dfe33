// Platform deliveries for tests of the channel webhooks: a Zalo OA user message in Zalo's own shape,
// with a shared location (https://developers.zalo.me/docs/official-account/webhook).
import { randomBytes } from 'node:crypto';

/** A Zalo `user_send_location` event for `appId`; `overrides` and `message` replace its fields. */
export function zaloEvent(appId: string, overrides: Record<string, unknown> = {}, message: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    app_id: appId,
    user_id_by_app: '7300442764876318465',
    event_name: 'user_send_location',
    timestamp: String(Date.now()),
    sender: { id: '8309393969855402319' },
    recipient: { id: '1423847451268726170' },
    message: {
      msg_id: randomBytes(10).toString('hex'),
      text: 'Cây xanh gãy đổ chắn ngang đường Lê Thánh Tôn #giaothong',
      attachments: [{ type: 'location', payload: { coordinates: { latitude: '10.7769', longitude: '106.7009' } } }],
      ...message,
    },
    ...overrides,
  };
}
