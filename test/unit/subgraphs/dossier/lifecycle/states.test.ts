// The dossier's legal-transition table (subgraphs/dossier/lifecycle/states.ts): where a dossier may
// start, what may follow what, final states, and the kind a timeline entry gets from its statuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventKind, FINAL_STATUSES, isLegalTransition, STATUS_LABELS, TRANSITIONS } from '../../../../../subgraphs/dossier/lifecycle/states.ts';

describe('legal transitions', () => {
  test('a dossier starts in NEW, RECEIVING or PROCESSING only', () => {
    for (const status of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      assert.equal(isLegalTransition(null, status), ['NEW', 'RECEIVING', 'PROCESSING'].includes(status), status);
    }
  });

  test('the main path is legal, skipping ahead is not', () => {
    const path = ['NEW', 'RECEIVING', 'PAYING', 'PROCESSING', 'INTER_AGENCY', 'PROCESSING', 'RELEASING', 'DONE'] as const;
    for (let index = 1; index < path.length; index += 1) assert.ok(isLegalTransition(path[index - 1]!, path[index]!), `${path[index - 1]} → ${path[index]}`);
    assert.equal(isLegalTransition('NEW', 'DONE'), false);
    assert.equal(isLegalTransition('RECEIVING', 'RELEASING'), false);
    assert.equal(isLegalTransition('PAYING', 'RELEASING'), false);
  });

  test('nothing follows a final state, not even a step', () => {
    for (const final of FINAL_STATUSES) {
      assert.deepEqual(TRANSITIONS[final], []);
      assert.equal(isLegalTransition(final, final), false, `${final} step`);
      assert.equal(isLegalTransition(final, 'PROCESSING'), false);
    }
  });

  test('a step that keeps the status is legal in open states; an apology must keep it', () => {
    assert.ok(isLegalTransition('INTER_AGENCY', 'INTER_AGENCY'));
    assert.ok(isLegalTransition('PROCESSING', 'PROCESSING', 'LATE_APOLOGY'));
    assert.equal(isLegalTransition('PROCESSING', 'RELEASING', 'LATE_APOLOGY'), false);
  });

  test('a withdrawal goes to CANCELLED, and only before processing', () => {
    for (const from of ['NEW', 'RECEIVING', 'WAITING_SUPPLEMENT', 'PAYING'] as const) assert.ok(isLegalTransition(from, 'CANCELLED', 'WITHDRAWN'), from);
    for (const from of ['PROCESSING', 'INTER_AGENCY', 'RELEASING', 'DONE'] as const) assert.equal(isLegalTransition(from, 'CANCELLED', 'WITHDRAWN'), false, from);
    assert.equal(isLegalTransition('NEW', 'DENIED', 'WITHDRAWN'), false);
  });

  test('every status has a Vietnamese label', () => {
    for (const status of Object.keys(TRANSITIONS)) assert.ok((STATUS_LABELS as Record<string, string>)[status]);
  });
});

describe('kinds of timeline entries', () => {
  test('derived from the statuses', () => {
    assert.equal(eventKind(null, 'NEW'), 'RECEIVED');
    assert.equal(eventKind('PROCESSING', 'PROCESSING'), 'STEP');
    assert.equal(eventKind('RECEIVING', 'WAITING_SUPPLEMENT'), 'SUPPLEMENT_REQUESTED');
    assert.equal(eventKind('WAITING_SUPPLEMENT', 'PROCESSING'), 'SUPPLEMENT_SUPPLIED');
    assert.equal(eventKind('PAYING', 'PROCESSING'), 'FEE_PAID');
    assert.equal(eventKind('PROCESSING', 'RELEASING'), 'RESULT_READY');
    assert.equal(eventKind('RELEASING', 'DONE'), 'RETURNED');
    assert.equal(eventKind('PROCESSING', 'DENIED'), 'STATUS_CHANGED');
  });

  test('a withdrawal and an apology keep their kind; others are re-derived', () => {
    assert.equal(eventKind('RECEIVING', 'CANCELLED', 'WITHDRAWN'), 'WITHDRAWN');
    assert.equal(eventKind('PROCESSING', 'PROCESSING', 'LATE_APOLOGY'), 'LATE_APOLOGY');
  });
});
