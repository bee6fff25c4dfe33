// The dossier lifecycle: the seeded timelines as their owners see them through the gateway, codes per
// agency and day, events recorded in time order whatever order they arrive in, illegal transitions and
// reused event ids refused with nothing written, and the outbox events on the bus (codes only).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { nextDossierCode } from '../../subgraphs/dossier/lifecycle/codes.ts';
import { createDossier, recordDossierEvent } from '../../subgraphs/dossier/lifecycle/timeline.ts';
import type { DossierEventInput } from '../../subgraphs/dossier/lifecycle/timeline.ts';
import type { PrismaClient } from '../../subgraphs/dossier/prisma/generated/client.ts';
import { DEMO_DOSSIERS } from '../../subgraphs/dossier/prisma/seed-data.ts';
import type { BusEvent } from '../../subgraphs/kit/events/bus.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const [AN, , CUONG] = DEMO_ACCOUNTS;
const STEP = 'kind fromStatus toStatus agency { code } occurredAt name dueAt newDueAt actorKind byOwner note public';
const AGENCY = '000.01.01.H29';

interface Step {
  kind: string;
  fromStatus: string | null;
  toStatus: string;
  agency: { code: string };
  occurredAt: string;
  name: string | null;
  newDueAt: string | null;
  byOwner: boolean;
  note: string | null;
  public: boolean;
}

describe('the dossier lifecycle', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  const published: BusEvent[] = [];

  const agencyEvent = (toStatus: DossierEventInput['toStatus'], at: string, extra: Partial<DossierEventInput> = {}): DossierEventInput => ({
    toStatus,
    occurredAt: new Date(at),
    agencyCode: AGENCY,
    actor: { kind: 'AGENCY', id: 'agency-test' },
    ...extra,
  });

  async function newDossier(first: DossierEventInput): Promise<{ id: string; code: string }> {
    return db.$transaction(async (tx) => {
      const code = await nextDossierCode(tx, AGENCY, first.occurredAt);
      const id = await createDossier(
        tx,
        {
          code,
          ownerId: CUONG!.sub,
          procedureCode: '2.000635.H29',
          agencyCode: AGENCY,
          channel: 'ONLINE',
          receivedAt: first.occurredAt,
          dueAt: new Date('2026-12-08T17:00:00+07:00'),
          receiptPinHash: null,
          ownerPhoneHash: null,
        },
        first,
      );
      return { id, code };
    });
  }

  const record = (id: string, input: DossierEventInput) => db.$transaction((tx) => recordDossierEvent(tx, id, input));

  async function timelineOf(code: string, token: string): Promise<{ status: string; currentStep: string; timeline: Step[] }> {
    const { body } = await hub.graphql(`query($code: String!) { dossier(code: $code) { status currentStep timeline { ${STEP} } } }`, { token, variables: { code } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['dossier'] as { status: string; currentStep: string; timeline: Step[] };
  }

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    await hub.bus.subscribe({ consumer: 'test-dossier-events', topic: 'dossier.>', handler: async ({ event }) => void published.push(event) });
  });
  after(() => keyed?.close());

  test('every seeded dossier has a timeline whose summary is the seed’s status, step and return date', async () => {
    const tokens = new Map<string, string>();
    for (const seed of DEMO_DOSSIERS) {
      const token = tokens.get(seed.ownerSub) ?? (await keyed.token({ sub: seed.ownerSub }));
      tokens.set(seed.ownerSub, token);
      const { body } = await hub.graphql(`query($code: String!) { dossier(code: $code) { status currentStep supplementRequest returnedAt dueAt agency { code } timeline { ${STEP} } } }`, {
        token,
        variables: { code: seed.code },
      });
      const dossier = body.data?.['dossier'] as {
        status: string;
        currentStep: string;
        supplementRequest: string | null;
        returnedAt: string | null;
        dueAt: string;
        agency: { code: string };
        timeline: Step[];
      };
      assert.equal(dossier.status, seed.status, seed.code);
      assert.equal(dossier.currentStep, seed.currentStep, seed.code);
      assert.equal(dossier.supplementRequest, seed.supplementRequest ?? null, seed.code);
      assert.equal(dossier.returnedAt && new Date(dossier.returnedAt).getTime(), seed.returnedAt ? new Date(seed.returnedAt).getTime() : null, seed.code);
      assert.equal(dossier.agency.code, seed.code.split('-')[0]);
      assert.equal(dossier.timeline.length, seed.timeline.length, seed.code);
      assert.equal(dossier.timeline[0]!.kind, 'RECEIVED');
      assert.equal(dossier.timeline[0]!.fromStatus, null);
      // Each entry starts where the one before it ended.
      dossier.timeline.slice(1).forEach((step, index) => assert.equal(step.fromStatus, dossier.timeline[index]!.toStatus, `${seed.code} #${index + 1}`));
    }
  });

  test('the late land dossier: inter-agency hop, an apology with a new date, result ready, returned late', async () => {
    const token = await keyed.token({ sub: AN!.sub });
    const { body } = await hub.graphql('{ dossier(code: "000.00.15.H29-261005-0942") { overdue dueAt rescheduledDueAt returnedAt timeline { kind agency { code } newDueAt } } }', { token });
    const dossier = body.data?.['dossier'] as { overdue: boolean; rescheduledDueAt: string; timeline: { kind: string; agency: { code: string }; newDueAt: string | null }[] };
    assert.deepEqual(
      dossier.timeline.map((step) => step.kind),
      ['RECEIVED', 'STATUS_CHANGED', 'STATUS_CHANGED', 'STATUS_CHANGED', 'LATE_APOLOGY', 'RESULT_READY', 'RETURNED'],
    );
    assert.equal(dossier.timeline[2]!.agency.code, '000.00.14.H29', 'the inter-agency step is at the other agency');
    assert.equal(new Date(dossier.rescheduledDueAt).toISOString(), new Date('2026-10-23T17:00:00+07:00').toISOString());
    assert.equal(dossier.overdue, true, 'returned after the due date, apology or not');
  });

  test('the owner sees private steps and the supplement request’s text, marked as such', async () => {
    const token = await keyed.token({ sub: AN!.sub });
    const lltp = await timelineOf('000.00.12.H29-260915-0187', token);
    assert.deepEqual(
      lltp.timeline.filter((step) => !step.public).map((step) => step.name),
      ['Trình lãnh đạo Sở ký'],
    );
    assert.equal(lltp.timeline[0]!.byOwner, true, 'submitted online by the owner');
    const waiting = await timelineOf('000.00.30.H29-261110-1318', token);
    assert.match(waiting.timeline.at(-1)!.note ?? '', /văn bản đồng ý cho đăng ký thường trú/);
    assert.equal(waiting.timeline.at(-1)!.kind, 'SUPPLEMENT_REQUESTED');
  });

  test('codes run per agency and day, in Việt Nam time', async () => {
    const codes = await db.$transaction(async (tx) => [
      await nextDossierCode(tx, '000.12.03.H29', new Date('2026-12-07T02:00:00Z')),
      await nextDossierCode(tx, '000.12.03.H29', new Date('2026-12-07T09:00:00Z')),
      await nextDossierCode(tx, '000.05.03.H29', new Date('2026-12-07T09:00:00Z')),
      await nextDossierCode(tx, '000.12.03.H29', new Date('2026-12-07T17:30:00Z')),
    ]);
    assert.deepEqual(codes, ['000.12.03.H29-261207-0001', '000.12.03.H29-261207-0002', '000.05.03.H29-261207-0001', '000.12.03.H29-261208-0001']);
    // A seeded code moved its day's sequence past it: the next code of that day does not collide.
    const next = await db.$transaction((tx) => nextDossierCode(tx, '000.00.12.H29', new Date('2026-09-15T05:00:00Z')));
    assert.equal(next, '000.00.12.H29-260915-0188');
  });

  test('events arriving out of order land where they happened; the status is the latest by time', async () => {
    const { id, code } = await newDossier(agencyEvent('RECEIVING', '2026-12-01T08:00:00+07:00', { sourceEventId: 'e1' }));
    assert.equal(await record(id, agencyEvent('PROCESSING', '2026-12-01T10:00:00+07:00', { sourceEventId: 'e3', stepName: 'Thẩm định' })), 'recorded');
    // Fees paid at 9:00 arrive last: between reception and processing.
    assert.equal(await record(id, agencyEvent('PAYING', '2026-12-01T09:00:00+07:00', { sourceEventId: 'e2' })), 'recorded');
    const cuong = await keyed.token({ sub: CUONG!.sub });
    const dossier = await timelineOf(code, cuong);
    assert.equal(dossier.status, 'PROCESSING');
    assert.equal(dossier.currentStep, 'Thẩm định');
    assert.deepEqual(
      dossier.timeline.map((step) => `${step.fromStatus ?? '-'}>${step.toStatus}:${step.kind}`),
      ['->RECEIVING:RECEIVED', 'RECEIVING>PAYING:STATUS_CHANGED', 'PAYING>PROCESSING:FEE_PAID'],
    );
    // An old event arriving now does not move the status back.
    assert.equal(await record(id, agencyEvent('RECEIVING', '2026-12-01T08:30:00+07:00', { sourceEventId: 'e1b', stepName: 'Kiểm tra thành phần hồ sơ' })), 'recorded');
    assert.equal((await timelineOf(code, cuong)).status, 'PROCESSING');
  });

  test('the same event again is a no-op; another event under its id is refused', async () => {
    const { id } = await newDossier(agencyEvent('RECEIVING', '2026-12-02T08:00:00+07:00', { sourceEventId: 'r1' }));
    assert.equal(await record(id, agencyEvent('PROCESSING', '2026-12-02T09:00:00+07:00', { sourceEventId: 'r2' })), 'recorded');
    assert.equal(await record(id, agencyEvent('PROCESSING', '2026-12-02T09:00:00+07:00', { sourceEventId: 'r2' })), 'duplicate');
    await assert.rejects(record(id, agencyEvent('RELEASING', '2026-12-02T09:00:00+07:00', { sourceEventId: 'r2' })), (error: { extensions?: { code?: string } }) => {
      assert.equal(error.extensions?.code, 'IDEMPOTENCY_KEY_REUSED');
      return true;
    });
    assert.equal(await db.dossierEvent.count({ where: { dossierId: id } }), 2);
  });

  test('illegal transitions are refused with nothing written: skipping ahead, after a final state, breaking the next entry, a wrong start', async () => {
    const { id } = await newDossier(agencyEvent('RECEIVING', '2026-12-03T08:00:00+07:00'));
    await record(id, agencyEvent('PROCESSING', '2026-12-03T10:00:00+07:00'));
    const refused = async (input: DossierEventInput, pattern: RegExp) =>
      assert.rejects(record(id, input), (error: { message: string; extensions?: { code?: string } }) => {
        assert.equal(error.extensions?.code, 'ILLEGAL_TRANSITION');
        assert.match(error.message, pattern);
        return true;
      });
    await refused(agencyEvent('DONE', '2026-12-03T11:00:00+07:00'), /from PROCESSING to DONE/);
    // RELEASING at 9:00 would sit between RECEIVING and PROCESSING: RECEIVING cannot go to RELEASING.
    await refused(agencyEvent('RELEASING', '2026-12-03T09:00:00+07:00'), /from RECEIVING to RELEASING/);
    // PAYING at 9:00 is fine before it, but CANCELLED at 9:00 cannot be followed by PROCESSING.
    await refused(agencyEvent('CANCELLED', '2026-12-03T09:00:00+07:00'), /cannot follow CANCELLED/);
    // A withdrawal once processing has started.
    await refused(agencyEvent('CANCELLED', '2026-12-03T11:00:00+07:00', { kind: 'WITHDRAWN' }), /by WITHDRAWN/);
    assert.equal(await db.dossierEvent.count({ where: { dossierId: id } }), 2);
    await assert.rejects(newDossier(agencyEvent('DONE', '2026-12-03T08:00:00+07:00')), /starts in NEW, RECEIVING or PROCESSING/);
    await record(id, agencyEvent('RELEASING', '2026-12-03T15:00:00+07:00'));
    await record(id, agencyEvent('DONE', '2026-12-03T16:00:00+07:00'));
    await refused(agencyEvent('DONE', '2026-12-03T17:00:00+07:00'), /from DONE to DONE/);
  });

  test('status changes, supplement requests, results and apologies go out as events with codes only', async () => {
    const { id, code } = await newDossier(agencyEvent('RECEIVING', '2026-12-04T08:00:00+07:00'));
    await record(id, agencyEvent('WAITING_SUPPLEMENT', '2026-12-04T09:00:00+07:00', { note: 'Bổ sung bản sao sổ hộ khẩu của Nguyễn Văn A, SĐT 0901234567' }));
    await record(id, agencyEvent('PROCESSING', '2026-12-04T10:00:00+07:00'));
    await record(id, agencyEvent('PROCESSING', '2026-12-04T11:00:00+07:00', { kind: 'LATE_APOLOGY', newDueAt: new Date('2026-12-10T17:00:00+07:00') }));
    await record(id, agencyEvent('RELEASING', '2026-12-04T12:00:00+07:00'));
    // An old step arriving late changes nothing now: no event.
    await record(id, agencyEvent('RECEIVING', '2026-12-04T08:30:00+07:00'));
    const deadline = Date.now() + 10_000;
    const mine = () => published.filter((event) => event.payload['code'] === code);
    while (mine().length < 7 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const events = mine();
    assert.deepEqual(
      events.map((event) => `${event.topic}${event.topic === 'dossier.status-changed' ? `:${String(event.payload['from'])}>${String(event.payload['to'])}` : ''}`),
      [
        'dossier.status-changed:null>RECEIVING',
        'dossier.status-changed:RECEIVING>WAITING_SUPPLEMENT',
        'dossier.supplement-requested',
        'dossier.status-changed:WAITING_SUPPLEMENT>PROCESSING',
        'dossier.late-apology',
        'dossier.status-changed:PROCESSING>RELEASING',
        'dossier.result-ready',
      ],
    );
    const apology = events.find((event) => event.topic === 'dossier.late-apology')!;
    assert.equal(apology.payload['newDueAt'], new Date('2026-12-10T17:00:00+07:00').toISOString());
    for (const event of events) {
      assert.deepEqual(
        Object.keys(event.payload).filter((key) => !['code', 'agencyCode', 'procedureCode', 'citizenId', 'from', 'to', 'dueAt', 'newDueAt'].includes(key)),
        [],
      );
      assert.equal(event.payload['citizenId'], CUONG!.sub);
      assert.doesNotMatch(JSON.stringify(event), /0901234567|Nguyễn|sổ hộ khẩu/);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(mine().length, 7, 'the late old step published nothing');
  });
});
