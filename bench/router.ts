/**
 * Router engine benchmark at TaskRouter's largest workspace size: 7,500 online agents, 5,000
 * queues, 500,000 waiting tasks, skills drawn at random. Prints routing decisions per second
 * (saturated: an agent finishes, the engine picks their next task) and the compute time from
 * enqueue to offer when agents are free (p50/p99), for the domain engine alone on one core.
 *
 *   npx tsx bench/router.ts [--agents 7500] [--queues 5000] [--tasks 500000] [--decisions 100000]
 *
 * The end-to-end figure through the app and the store is printed by bench/router-e2e.ts.
 */
import { parseArgs } from 'node:util';
import { defaultCapacityProfile } from '../src/domain/agent/capacity.ts';
import { defaultQueueSettings } from '../src/domain/routing/queue.ts';
import { RoutingEngine } from '../src/domain/routing/routing-engine.ts';

const { values: v } = parseArgs({
  options: {
    agents: { type: 'string', default: '7500' },
    queues: { type: 'string', default: '5000' },
    tasks: { type: 'string', default: '500000' },
    decisions: { type: 'string', default: '100000' },
    skills: { type: 'string', default: '50' },
    seed: { type: 'string', default: '42' },
  },
});
const nAgents = Number(v.agents);
const nQueues = Number(v.queues);
const nTasks = Number(v.tasks);
const nDecisions = Number(v.decisions);
const nSkills = Number(v.skills);

let s = Number(v.seed) >>> 0;
const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const int = (n: number) => Math.floor(rnd() * n);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const mem = () => `${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB heap`;

let rid = 0;
const engine = new RoutingEngine({
  agingPointsPerMinute: 1,
  declineCooldownMs: 30_000,
  newId: () => `r${++rid}`,
});
const T0 = Date.now();
let now = T0;

let t = performance.now();
for (let q = 0; q < nQueues; q++) {
  const a = int(nSkills);
  const b = int(nSkills);
  // Half the queues need one skill at a level, half two skills: a realistic spread of sizes.
  const expr =
    q % 2 === 0
      ? `skills.s${a} >= ${1 + int(3)}`
      : `skills.s${a} >= ${1 + int(2)} and has(skills.s${b})`;
  engine.setQueue({
    ...defaultQueueSettings,
    id: `q${q}`,
    name: `q${q}`,
    targetExpression: expr,
    reservationTimeoutSeconds: 3600,
  });
}
for (let i = 0; i < nAgents; i++) {
  const skills: Record<string, number> = {};
  for (let k = 0; k < 5; k++) skills[`s${int(nSkills)}`] = 1 + int(5);
  engine.upsertAgent(
    {
      id: `a${i}`,
      ctx: { id: `a${i}`, skills, languages: ['zh'] },
      profile: defaultCapacityProfile,
      routable: false,
      lastIdleAt: now - i,
      teamIds: [],
    },
    now,
  );
}
console.log(
  `setup: ${nQueues} queues, ${nAgents} agents (not yet available) in ${(performance.now() - t).toFixed(0)} ms`,
);

// Warm-up: one task per queue builds every queue's target (its eligible agents) once.
t = performance.now();
let submitted = 0;
for (let q = 0; q < nQueues; q++)
  engine.submit(
    { id: `t${submitted++}`, channel: 'voice', attributes: {}, priority: 0, queueId: `q${q}` },
    ++now,
  );
console.log(
  `targets: ${engine.stats().targets} built in ${(performance.now() - t).toFixed(0)} ms (one scan of all agents each)`,
);

// Agents come online; each takes the best waiting task or stays free.
const pendingRes = new Map<string, string>(); // agentId → reservationId
const take = (c: ReturnType<RoutingEngine['submit']>) => {
  for (const r of c.reservations) if (r.state === 'pending') pendingRes.set(r.agentId, r.id);
};
for (let i = 0; i < nAgents; i++) take(engine.setRoutable(`a${i}`, true, ++now));
console.log(
  `online: ${pendingRes.size} agents took a warm-up task, ${nAgents - pendingRes.size} free`,
);

// Enqueue → offer with warm targets: compute time of submit() calls that end in an offer.
const offerMs: number[] = [];
t = performance.now();
let queuedWithoutOffer = 0;
while (submitted < nTasks) {
  now += 1;
  const s0 = performance.now();
  const c = engine.submit(
    {
      id: `t${submitted}`,
      channel: 'voice',
      attributes: {},
      priority: int(3),
      queueId: `q${int(nQueues)}`,
    },
    now,
  );
  const dt = performance.now() - s0;
  submitted++;
  const offer = c.reservations.find((r) => r.state === 'pending');
  if (offer) {
    offerMs.push(dt);
    pendingRes.set(offer.agentId, offer.id);
  } else queuedWithoutOffer++;
}
const enqueueWall = performance.now() - t;
console.log(
  `enqueue: ${nTasks - nQueues} tasks in ${(enqueueWall / 1000).toFixed(1)} s (${((nTasks - nQueues) / (enqueueWall / 1000)).toFixed(0)}/s); ` +
    `${offerMs.length} offered at once: enqueue→offer p50 ${pct(offerMs, 50).toFixed(3)} ms, p99 ${pct(offerMs, 99).toFixed(3)} ms; ${queuedWithoutOffer} waiting; ${mem()}`,
);

// Saturated: every decision is "an agent finished; pick their next task among ~all their queues".
for (const [agentId, resId] of pendingRes) engine.accept(resId, agentId, now);
const busy = [...pendingRes.keys()];
const decisionMs: number[] = [];
let decisions = 0;
t = performance.now();
for (let i = 0; i < nDecisions && busy.length > 0; i++) {
  now += 1;
  const k = int(busy.length);
  const agentId = busy[k] as string;
  const taskId = engine.agentTaskIds(agentId)[0];
  if (!taskId) {
    busy.splice(k, 1);
    continue;
  }
  const s0 = performance.now();
  const c = engine.complete(taskId, agentId, now);
  const offer = c.reservations.find((r) => r.state === 'pending');
  if (offer) engine.accept(offer.id, agentId, now);
  decisionMs.push(performance.now() - s0);
  if (offer) decisions++;
  else busy.splice(k, 1);
}
const wall = performance.now() - t;
console.log(
  `decisions: ${decisions} in ${(wall / 1000).toFixed(2)} s = ${(decisions / (wall / 1000)).toFixed(0)} decisions/s ` +
    `(complete + next offer + accept: p50 ${pct(decisionMs, 50).toFixed(3)} ms, p99 ${pct(decisionMs, 99).toFixed(3)} ms); ` +
    `${engine.stats().openTasks} open tasks, ${engine.stats().targets} targets; ${mem()}`,
);
const sizes = [
  ...(engine as unknown as { agents: Map<string, { targets: Set<unknown> }> }).agents.values(),
].map((a) => a.targets.size);
console.log(
  `targets per agent: mean ${(sizes.reduce((x, y) => x + y, 0) / sizes.length).toFixed(0)}, max ${Math.max(...sizes)}`,
);
