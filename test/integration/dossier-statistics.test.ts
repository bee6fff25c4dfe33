// agencyStatistics through the gateway, anonymously as the public reads it: dossiers of a test agency
// with known outcomes (early, on time, late, open within term, overdue, withdrawn) recorded through the
// lifecycle, then counted over whole days (the rollup), over part-days (read raw) and over both; the
// figures follow a late status change (the trigger keeps the rollup exact); and bad periods and unknown
// agencies get coded errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { createDossier, HUB_ACTOR, recordDossierEvent } from '../../subgraphs/dossier/lifecycle/timeline.ts';
import type { PrismaClient } from '../../subgraphs/dossier/prisma/generated/client.ts';

const AGENCY = { code: '000.99.01.H29', name: 'Cơ quan thử nghiệm thống kê' };
const OTHER = { code: '000.99.02.H29', name: 'Cơ quan thử nghiệm xếp hạng' };
const FIELDS = 'agency { code } rank received closedEarly closedOnTime closedLate openWithinTerm openOverdue onTimeRate';

/** Local time (UTC+7) as an instant. */
const local = (text: string) => new Date(`${text}+07:00`);

interface Figures {
  agency: { code: string };
  rank: number;
  received: number;
  closedEarly: number;
  closedOnTime: number;
  closedLate: number;
  openWithinTerm: number;
  openOverdue: number;
  onTimeRate: number;
}

describe('agencyStatistics', () => {
  let hub: Hub;
  let db: PrismaClient;
  let sequence = 0;

  /** A dossier of `agency` received at `receivedAt`, due at `dueAt`, returned at `returnedAt` (or withdrawn, or open). */
  async function dossier(agency: string, receivedAt: Date, dueAt: Date, end?: { returnedAt: Date } | 'withdrawn'): Promise<string> {
    sequence += 1;
    const code = `${agency}-260${String(sequence).padStart(3, '0')}-${String(sequence).padStart(4, '0')}`;
    const procedure = await db.procedure.findFirstOrThrow({ select: { code: true } });
    return db.$transaction(async (tx) => {
      const id = await createDossier(
        tx,
        { code, ownerId: null, procedureCode: procedure.code, agencyCode: agency, channel: 'COUNTER', receivedAt, dueAt, receiptPinHash: null, ownerPhoneHash: null },
        { toStatus: 'RECEIVING', occurredAt: receivedAt, agencyCode: agency, actor: HUB_ACTOR },
        { dueAt, quiet: true },
      );
      if (end === 'withdrawn') {
        await recordDossierEvent(tx, id, { toStatus: 'CANCELLED', kind: 'WITHDRAWN', occurredAt: new Date(receivedAt.getTime() + 3_600_000), agencyCode: agency, actor: HUB_ACTOR }, { quiet: true });
      } else if (end) {
        await recordDossierEvent(tx, id, { toStatus: 'PROCESSING', occurredAt: new Date(receivedAt.getTime() + 3_600_000), agencyCode: agency, actor: HUB_ACTOR }, { quiet: true });
        await finish(tx, id, agency, end.returnedAt);
      }
      return code;
    });
  }

  /** Result ready an hour before `returnedAt`, handed over (DONE) at `returnedAt`. */
  async function finish(tx: Parameters<typeof recordDossierEvent>[0], id: string, agency: string, returnedAt: Date): Promise<void> {
    await recordDossierEvent(tx, id, { toStatus: 'RELEASING', occurredAt: new Date(returnedAt.getTime() - 3_600_000), agencyCode: agency, actor: HUB_ACTOR }, { quiet: true });
    await recordDossierEvent(tx, id, { toStatus: 'DONE', occurredAt: returnedAt, agencyCode: agency, actor: HUB_ACTOR }, { quiet: true });
  }

  const statistics = async (from: string, to: string, agencyCode?: string) => {
    const { status, body } = await hub.graphql(`query($from: DateTime!, $to: DateTime!, $agency: String) { agencyStatistics(from: $from, to: $to, agencyCode: $agency) { ${FIELDS} } }`, {
      variables: { from, to, agency: agencyCode ?? null },
    });
    return { status, body: body as { data?: { agencyStatistics: Figures[] } | null; errors?: { extensions?: { code?: string } }[] } };
  };
  const ofAgency = (rows: Figures[] | undefined, code: string) => rows?.find((row) => row.agency.code === code);

  before(async () => {
    hub = await startHub();
    db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    await db.agency.createMany({ data: [AGENCY, OTHER], skipDuplicates: true });
    // March 2026 (local days), due dates in the past except the open-within-term one.
    await dossier(AGENCY.code, local('2026-03-02T09:00:00'), local('2026-03-10T17:00:00'), { returnedAt: local('2026-03-05T10:00:00') }); // early
    await dossier(AGENCY.code, local('2026-03-03T09:00:00'), local('2026-03-10T17:00:00'), { returnedAt: local('2026-03-10T15:00:00') }); // on time
    await dossier(AGENCY.code, local('2026-03-04T09:00:00'), local('2026-03-10T17:00:00'), { returnedAt: local('2026-03-12T09:00:00') }); // late
    await dossier(AGENCY.code, local('2026-03-05T09:00:00'), local('2026-03-20T17:00:00')); // open, overdue now
    await dossier(AGENCY.code, local('2026-03-06T09:00:00'), local('2099-01-01T17:00:00')); // open, within term
    await dossier(AGENCY.code, local('2026-03-06T10:00:00'), local('2026-03-20T17:00:00'), 'withdrawn'); // not counted
    await dossier(OTHER.code, local('2026-03-02T09:00:00'), local('2026-03-10T17:00:00'), { returnedAt: local('2026-03-03T10:00:00') }); // early: 100 %
  });
  after(async () => hub?.close());

  test('a month of whole days: each outcome counted once, withdrawn ones not at all, the on-time rate, the ranking', async () => {
    const { status, body } = await statistics('2026-03-01T00:00:00+07:00', '2026-04-01T00:00:00+07:00');
    assert.equal(status, 200, JSON.stringify(body.errors));
    const mine = ofAgency(body.data?.agencyStatistics, AGENCY.code);
    assert.deepEqual(
      { ...mine, rank: undefined },
      { agency: { code: AGENCY.code }, rank: undefined, received: 5, closedEarly: 1, closedOnTime: 1, closedLate: 1, openWithinTerm: 1, openOverdue: 1, onTimeRate: 3 / 5 },
    );
    const other = ofAgency(body.data?.agencyStatistics, OTHER.code);
    assert.equal(other?.onTimeRate, 1);
    assert.ok(other.rank < mine!.rank, 'the better on-time rate ranks first');
    const ranks = body.data!.agencyStatistics.map((row) => row.rank);
    assert.deepEqual(
      ranks,
      ranks.map((_, index) => index + 1),
      'ranks run 1, 2, 3… in order',
    );
  });

  test('part-days at the ends are counted from the dossiers themselves, and agree with whole days', async () => {
    // 2 Mar 08:00 to 4 Mar 12:00: the 2nd and 4th are part-days (read raw), the 3rd a whole day (rollup).
    const { body } = await statistics('2026-03-02T08:00:00+07:00', '2026-03-04T12:00:00+07:00', AGENCY.code);
    const mine = body.data?.agencyStatistics[0];
    assert.equal(mine?.received, 3);
    assert.deepEqual([mine?.closedEarly, mine?.closedOnTime, mine?.closedLate], [1, 1, 1]);
    // Within one day: all raw. 2 Mar 08:00–10:00 holds one dossier.
    const narrow = await statistics('2026-03-02T08:00:00+07:00', '2026-03-02T10:00:00+07:00', AGENCY.code);
    assert.equal(narrow.body.data?.agencyStatistics[0]?.received, 1);
    // A period with nothing received lists nobody.
    const empty = await statistics('2026-01-01T00:00:00+07:00', '2026-02-01T00:00:00+07:00', AGENCY.code);
    assert.deepEqual(empty.body.data?.agencyStatistics, []);
  });

  test('a late result moves the figures at once (the rollup follows every change)', async () => {
    const code = await dossier(AGENCY.code, local('2026-03-09T09:00:00'), local('2026-03-13T17:00:00'));
    const before = ofAgency((await statistics('2026-03-01T00:00:00+07:00', '2026-04-01T00:00:00+07:00')).body.data?.agencyStatistics, AGENCY.code);
    assert.equal(before?.openOverdue, 2);
    const row = await db.dossier.findUniqueOrThrow({ where: { code }, select: { id: true } });
    await db.$transaction(async (tx) => {
      await recordDossierEvent(tx, row.id, { toStatus: 'PROCESSING', occurredAt: local('2026-03-10T09:00:00'), agencyCode: AGENCY.code, actor: HUB_ACTOR }, { quiet: true });
      await finish(tx, row.id, AGENCY.code, local('2026-03-16T09:00:00'));
    });
    const after = ofAgency((await statistics('2026-03-01T00:00:00+07:00', '2026-04-01T00:00:00+07:00')).body.data?.agencyStatistics, AGENCY.code);
    assert.equal(after?.received, 6);
    assert.equal(after?.openOverdue, 1);
    assert.equal(after?.closedLate, 2);
    assert.equal(after.received, after.closedEarly + after.closedOnTime + after.closedLate + after.openWithinTerm + after.openOverdue, 'every dossier counted exactly once');
  });

  test('bad periods and unknown agencies get coded errors', async () => {
    for (const [from, to] of [
      ['2026-04-01T00:00:00Z', '2026-03-01T00:00:00Z'],
      ['2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z'],
      ['2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ] as const) {
      const { body } = await statistics(from, to);
      assert.equal(body.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `${from} → ${to}`);
    }
    const unknown = await statistics('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', '999.99.99.H29');
    assert.equal(unknown.body.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const hostile = await statistics('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', "x'; DROP TABLE dossier; --".repeat(10));
    assert.equal(hostile.body.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const notADate = await statistics('yesterday', '2026-04-01T00:00:00Z');
    assert.ok(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(notADate.body.errors?.[0]?.extensions?.code ?? ''));
  });
});
