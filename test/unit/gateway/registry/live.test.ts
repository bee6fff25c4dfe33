// The live supergraph's generations: a request keeps the generation it started on to its end, a replaced
// generation stops only after its last request, a generation that cannot be built or warmed never becomes
// current, and reloads run one at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createLiveSchema } from '../../../../gateway/registry/live.ts';
import type { GenerationFactory } from '../../../../gateway/registry/live.ts';

interface Services {
  readonly sdl: string;
}

function factory(): GenerationFactory<Services> & { stopped: string[]; warmed: string[] } {
  const stopped: string[] = [];
  const warmed: string[] = [];
  return {
    stopped,
    warmed,
    build: async (sdl) => {
      if (sdl.includes('unbuildable')) throw new Error('the planner refused it');
      return { sdl };
    },
    warm: async (services) => {
      if (services.sdl.includes('cold')) throw new Error('warm-up failed');
      warmed.push(services.sdl);
    },
    stop: async (services) => {
      stopped.push(services.sdl);
    },
  };
}

const logger = pino({ level: 'silent' });

test('a request finishes on its generation; the replaced one stops after it', async () => {
  const generations = factory();
  const live = await createLiveSchema('type Query { a: Int }', '[]', generations, logger);
  let finish!: () => void;
  const inFlight = live.use(async (services) => {
    await new Promise<void>((resolve) => (finish = resolve));
    return services.sdl;
  });
  assert.equal(await live.replace('type Query { b: Int }', '[]'), true);
  assert.equal(live.current().id, 2);
  assert.deepEqual(generations.warmed, ['type Query { b: Int }']);
  assert.equal(await live.use(async (services) => services.sdl), 'type Query { b: Int }');
  assert.deepEqual(generations.stopped, [], 'the old generation still has a request');
  finish();
  assert.equal(await inFlight, 'type Query { a: Int }');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(generations.stopped, ['type Query { a: Int }']);
  await live.stop();
  assert.deepEqual(generations.stopped, ['type Query { a: Int }', 'type Query { b: Int }']);
});

test('the same supergraph and options do not reload; other options do', async () => {
  const live = await createLiveSchema('type Query { a: Int }', '[1]', factory(), logger);
  assert.equal(await live.replace('type Query { a: Int }', '[1]'), false);
  assert.equal(await live.replace('type Query { a: Int }', '[2]'), true);
  assert.equal(live.current().id, 2);
  await live.stop();
});

test('a generation that cannot be built or warmed never replaces the current one', async () => {
  const generations = factory();
  const live = await createLiveSchema('type Query { a: Int }', '[]', generations, logger);
  await assert.rejects(live.replace('type Query { unbuildable: Int }', '[]'), /planner refused/);
  await assert.rejects(live.replace('type Query { cold: Int }', '[]'), /warm-up failed/);
  assert.equal(live.current().id, 1);
  assert.equal(live.current().supergraphSdl, 'type Query { a: Int }');
  // The cold one was built, so it was stopped; the served one was not.
  assert.deepEqual(generations.stopped, ['type Query { cold: Int }']);
  // Reloads run one at a time, in order.
  const [first, second] = await Promise.all([live.replace('type Query { b: Int }', '[]'), live.replace('type Query { c: Int }', '[]')]);
  assert.deepEqual([first, second, live.current().id, live.current().supergraphSdl], [true, true, 3, 'type Query { c: Int }']);
  await live.stop();
});
