/**
 * Workflows (路由策略) send a task to queues: ordered filters on task attributes, each with
 * ordered steps. A step is a queue, optionally narrowed by an expression over agents, with a
 * timeout after which the task moves to the next step (expiring steps / bullseye widening).
 * A task no filter matches goes to the default queue.
 */
import { DomainError } from '../errors.ts';
import { compileExpression, test, type CompiledExpression } from './expression/expression.ts';

export interface WorkflowStep {
  readonly queueId: string;
  /** Narrows the queue's agents for this step, e.g. `skills.billing >= 4`. */
  readonly expression: string | null;
  /** Seconds before moving to the next step; null on the last step (wait there). */
  readonly timeoutSeconds: number | null;
  /** Overrides the task's priority while in this step. */
  readonly priority: number | null;
}

export interface WorkflowFilter {
  readonly name: string;
  /** Over task attributes plus `channel` and `priority`, e.g. `channel == "voice" and vip`. */
  readonly expression: string;
  readonly steps: readonly WorkflowStep[];
}

export interface WorkflowDef {
  readonly id: string;
  readonly name: string;
  readonly filters: readonly WorkflowFilter[];
  readonly defaultQueueId: string;
}

export interface CompiledWorkflow {
  readonly def: WorkflowDef;
  readonly filters: readonly {
    readonly match: CompiledExpression;
    readonly steps: readonly WorkflowStep[];
  }[];
}

/** Compiles and checks a workflow; errors name the field path, with the position for expressions. */
export function compileWorkflow(
  def: WorkflowDef,
  queueExists: (id: string) => boolean,
): CompiledWorkflow {
  const bad = (path: string, message: string) =>
    new DomainError('routing.invalid_workflow', `${path}: ${message}`, { path });
  if (!def.name.trim()) throw bad('name', 'a workflow needs a name');
  if (!queueExists(def.defaultQueueId))
    throw bad('defaultQueueId', `no queue ${def.defaultQueueId}`);
  if (def.filters.length > 200) throw bad('filters', 'at most 200 filters');
  const filters = def.filters.map((f, i) => {
    const at = `filters[${i}]`;
    const match = compileAt(f.expression, `${at}.expression`);
    if (f.steps.length === 0) throw bad(`${at}.steps`, 'a filter needs at least one step');
    if (f.steps.length > 20) throw bad(`${at}.steps`, 'at most 20 steps');
    f.steps.forEach((s, j) => {
      const sp = `${at}.steps[${j}]`;
      if (!queueExists(s.queueId)) throw bad(`${sp}.queueId`, `no queue ${s.queueId}`);
      if (s.expression !== null) compileAt(s.expression, `${sp}.expression`);
      const last = j === f.steps.length - 1;
      if (
        s.timeoutSeconds !== null &&
        (!Number.isInteger(s.timeoutSeconds) || s.timeoutSeconds < 1 || s.timeoutSeconds > 86_400)
      )
        throw bad(`${sp}.timeoutSeconds`, 'a timeout is 1–86400 seconds');
      if (!last && s.timeoutSeconds === null)
        throw bad(`${sp}.timeoutSeconds`, 'every step but the last needs a timeout');
      if (
        s.priority !== null &&
        (!Number.isInteger(s.priority) || s.priority < 0 || s.priority > 1000)
      )
        throw bad(`${sp}.priority`, 'priority is 0–1000');
    });
    return { match, steps: f.steps };
  });
  return { def, filters };
}

function compileAt(source: string, path: string): CompiledExpression {
  try {
    return compileExpression(source);
  } catch (e) {
    if (e instanceof DomainError)
      throw new DomainError(e.code, `${path}: ${e.message}`, { ...e.details, path });
    throw e;
  }
}

/** The filter a task matches (index, -1 for the default queue) and its steps. */
export function matchWorkflow(
  w: CompiledWorkflow,
  context: object,
): { filterIndex: number; steps: readonly WorkflowStep[] } {
  for (let i = 0; i < w.filters.length; i++) {
    const f = w.filters[i];
    if (f && test(f.match, context)) return { filterIndex: i, steps: f.steps };
  }
  return {
    filterIndex: -1,
    steps: [
      { queueId: w.def.defaultQueueId, expression: null, timeoutSeconds: null, priority: null },
    ],
  };
}
