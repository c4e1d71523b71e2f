/**
 * The router end to end: the router use case over the store (PGlite and PostgreSQL), where every
 * operation is a transaction that stores tasks, offers, agent states and events.
 * Prints routing decisions per second (agent completes → next task offered and accepted) and
 * the enqueue → offer time through the app.
 *
 *   npx tsx bench/router-e2e.ts [--agents 300] [--queues 100] [--tasks 20000] [--decisions 3000]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  defaultCenterConfig,
  systemActor,
  type Actor,
  type AppDeps,
} from '../src/app/app-context.ts';
import { OrgService } from '../src/app/org/org-service.ts';
import { systemClock } from '../src/app/ports/clock.ts';
import type { Store } from '../src/app/ports/store.ts';
import { onEachStore } from './support/each-store.ts';
import { RoutingConfigService } from '../src/app/routing/routing-config-service.ts';
import { RouterService } from '../src/app/routing/router-service.ts';
import { bootstrapCenter } from '../src/app/seed/bootstrap.ts';

const { values: v } = parseArgs({
  options: {
    agents: { type: 'string', default: '300' },
    queues: { type: 'string', default: '100' },
    tasks: { type: 'string', default: '20000' },
    decisions: { type: 'string', default: '3000' },
  },
});
const nAgents = Number(v.agents);
const nQueues = Number(v.queues);
const nTasks = Number(v.tasks);
const nDecisions = Number(v.decisions);
let seed = 7;
const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const int = (n: number) => Math.floor(rnd() * n);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function run(label: string, store: Store) {
  await bootstrapCenter(store);
  const deps: AppDeps = {
    store,
    clock: systemClock,
    ids: { newId: randomUUID },
    config: defaultCenterConfig,
  };
  const org = new OrgService(deps);
  const router = new RouterService(deps);
  const cfg = new RoutingConfigService(deps, router);
  const skills = [];
  for (let i = 0; i < 20; i++) skills.push(await org.createSkill(systemActor, { name: `s${i}` }));
  const queueIds: string[] = [];
  for (let q = 0; q < nQueues; q++)
    queueIds.push(
      (
        await cfg.createQueue(systemActor, {
          name: `q${q}`,
          targetExpression: `skills.s${int(20)} >= ${1 + int(3)}`,
          reservationTimeoutSeconds: 3600,
        })
      ).id,
    );
  const agents: Actor[] = [];
  for (let i = 0; i < nAgents; i++) {
    const sk = new Map<string, number>();
    for (let k = 0; k < 4; k++) sk.set(skills[int(20)]!.id, 1 + int(5));
    const u = await org.createUser(systemActor, {
      username: `agent${i}`,
      password: 'bench-password',
      role: 'agent',
      skills: [...sk].map(([skillId, level]) => ({ skillId, level })),
    });
    agents.push({
      id: u.id,
      username: u.username,
      role: 'agent',
      teamIds: [],
      customerId: null,
      ip: null,
    });
  }
  await router.start();
  for (const a of agents) await router.login(a, { softphone: true });

  const offerMs: number[] = [];
  let t = performance.now();
  for (let i = 0; i < nTasks; i++) {
    const s0 = performance.now();
    const task = await router.submit(null, {
      channel: 'voice',
      attributes: { n: i },
      queueId: queueIds[int(nQueues)],
    });
    if (task.state === 'reserved') offerMs.push(performance.now() - s0);
  }
  const enqueueS = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(9)} enqueue: ${nTasks} tasks in ${enqueueS.toFixed(1)} s = ${(nTasks / enqueueS).toFixed(0)}/s; enqueue→offer (${offerMs.length} offered at once) p50 ${pct(offerMs, 50).toFixed(2)} ms, p99 ${pct(offerMs, 99).toFixed(2)} ms`,
  );

  const decisionMs: number[] = [];
  let decisions = 0;
  t = performance.now();
  for (let i = 0; i < nDecisions; i++) {
    const a = agents[int(agents.length)]!;
    const [task] = router.agentTasks(a.id);
    if (!task) continue;
    const s0 = performance.now();
    if (task.state === 'reserved' && task.reservationId) await router.accept(a, task.reservationId);
    await router.complete(a, task.id, a.id, 'done');
    decisionMs.push(performance.now() - s0);
    if (router.agentTasks(a.id).length > 0) decisions++;
  }
  const wall = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(9)} decisions: ${decisions} in ${wall.toFixed(1)} s = ${(decisions / wall).toFixed(0)} decisions/s (accept + complete + next offer, each a transaction: p50 ${pct(decisionMs, 50).toFixed(2)} ms, p99 ${pct(decisionMs, 99).toFixed(2)} ms)`,
  );
  await router.stop();
}

await onEachStore(run);
