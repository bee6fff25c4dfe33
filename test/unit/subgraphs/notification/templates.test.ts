// Template checks and rendering without servers: placeholders checked at save and at render (a missing
// value is an error, never a gap), HTML parts escaped, SMS length by GSM-7 or UCS-2 segments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { fill, fillHtml, smsLength } from '../../../../subgraphs/notification/templates/render.ts';
import { builtInTemplate, PLACEHOLDERS } from '../../../../subgraphs/notification/templates/catalogue.ts';
import { checkTemplate, renderTemplate, worstCaseSms } from '../../../../subgraphs/notification/templates/templates.ts';
import type { TemplateVersion } from '../../../../subgraphs/notification/templates/templates.ts';

const codeOf = (error: unknown) => (error instanceof GraphQLError ? error.extensions['code'] : undefined);
const refuses = (run: () => unknown, code: string) => assert.throws(run, (error: unknown) => codeOf(error) === code);

test('SMS segments: GSM-7 160/153, UCS-2 (Vietnamese with diacritics) 70/67, the extension table counts twice', () => {
  assert.deepEqual(smsLength('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160 });
  assert.equal(smsLength('a'.repeat(161)).segments, 2);
  assert.equal(smsLength('a'.repeat(306)).segments, 2);
  assert.equal(smsLength('a'.repeat(307)).segments, 3);
  assert.equal(smsLength('€'.repeat(80)).units, 160, 'two septets each');
  assert.equal(smsLength('€'.repeat(81)).segments, 2);
  const vietnamese = 'Hồ sơ đã có kết quả';
  assert.equal(smsLength(vietnamese).encoding, 'UCS-2');
  assert.equal(smsLength('ư'.repeat(70)).segments, 1);
  assert.equal(smsLength('ư'.repeat(71)).segments, 2);
  assert.equal(smsLength('ư'.repeat(134)).segments, 2);
  assert.equal(smsLength('ư'.repeat(135)).segments, 3);
  // Unaccented Vietnamese is GSM-7.
  assert.equal(smsLength('Ho so da co ket qua').encoding, 'GSM-7');
});

test('a missing value is TEMPLATE_PLACEHOLDER_MISSING, never an empty string; values are escaped in HTML only', () => {
  refuses(() => fill('Hồ sơ {{code}} hẹn {{dueAt}}', { code: 'X' }), 'TEMPLATE_PLACEHOLDER_MISSING');
  refuses(() => fill('Hồ sơ {{code}}', { code: '  ' }), 'TEMPLATE_PLACEHOLDER_MISSING');
  refuses(() => fill('Hồ sơ {{code}}', { code: null }), 'TEMPLATE_PLACEHOLDER_MISSING');
  assert.equal(fill('Hồ sơ {{ code }} — {{code}}', { code: 'A<b>' }), 'Hồ sơ A<b> — A<b>');
  assert.equal(fillHtml('<p>{{code}}</p>', { code: '<script>alert(1)</script>&"' }), '<p>&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;</p>');
});

test('saving: unknown placeholders, stray braces, parts the channel has not, and SMS too long at its longest are refused', () => {
  const base = { kind: 'DOSSIER_RESULT' as const, locale: 'vi' };
  refuses(() => checkTemplate({ ...base, channel: 'SMS', body: 'Hồ sơ {{code}} của {{fullName}} đã có kết quả' }), 'TEMPLATE_PLACEHOLDER_UNKNOWN');
  refuses(() => checkTemplate({ ...base, channel: 'SMS', body: 'Hồ sơ {{code}} {{ 1x }}' }), 'TEMPLATE_PLACEHOLDER_UNKNOWN');
  refuses(() => checkTemplate({ ...base, channel: 'EMAIL', subject: 'Kết quả', body: 'Hồ sơ {{code}}', html: '<p>{{phone}}</p>' }), 'TEMPLATE_PLACEHOLDER_UNKNOWN');
  refuses(() => checkTemplate({ ...base, channel: 'SMS', subject: 'Tiêu đề', body: 'Hồ sơ {{code}}' }), 'BAD_USER_INPUT');
  refuses(() => checkTemplate({ ...base, channel: 'EMAIL', subject: 'Kết quả', body: 'Hồ sơ {{code}}' }), 'BAD_USER_INPUT');
  refuses(() => checkTemplate({ ...base, channel: 'IN_APP', subject: 'Kết quả', body: 'Hồ sơ {{code}}', locale: 'fr' }), 'BAD_USER_INPUT');
  // 250 Vietnamese characters plus a 40-character code: 5 UCS-2 segments.
  refuses(() => checkTemplate({ ...base, channel: 'SMS', body: `${'ư'.repeat(250)} {{code}}` }), 'TEMPLATE_TOO_LONG_FOR_SMS');
  // The same length unaccented is GSM-7: 2 segments, accepted.
  assert.equal(checkTemplate({ ...base, channel: 'SMS', body: `${'u'.repeat(250)} {{code}}` }).body.length, 259);
  assert.equal(worstCaseSms('NOTICE', 'Thông báo: {{title}}').encoding, 'UCS-2');
});

test('every kind has built-in templates on every channel that pass their own checks and render with its placeholders', () => {
  for (const kind of Object.keys(PLACEHOLDERS) as (keyof typeof PLACEHOLDERS)[]) {
    const values = Object.fromEntries(Object.entries(PLACEHOLDERS[kind]).map(([name, placeholder]) => [name, placeholder.gsm ? '1'.repeat(placeholder.maxLength) : 'Ư'.repeat(placeholder.maxLength)]));
    for (const channel of ['IN_APP', 'EMAIL', 'SMS', 'ZALO'] as const) {
      const parts = builtInTemplate(kind, channel);
      checkTemplate({ kind, channel, locale: 'vi', ...parts });
      const template: TemplateVersion = { kind, channel, locale: 'vi', version: 0, ...parts, createdBy: null, createdAt: null };
      const rendered = renderTemplate(template, values);
      assert.ok(!rendered.text.includes('{{'), `${kind} ${channel}`);
      if (channel === 'EMAIL') assert.ok(rendered.html?.startsWith('<p>') && rendered.subject);
    }
  }
});
