import { z } from 'zod';
import { staffingModels } from '../domain/wfm/staffing.ts';

export const StaffingRequest = z
  .strictObject({
    model: z.enum(staffingModels),
    arrivalsPerHour: z.number().min(0).max(1_000_000),
    ahtSeconds: z.number().positive().max(86_400),
    targetAnswerSeconds: z.number().min(0).max(86_400),
    targetServiceLevel: z.number().gt(0).lt(1).describe('fraction, e.g. 0.8'),
    targetAsaSeconds: z.number().min(0).optional(),
    patienceSeconds: z.number().positive().optional().describe('Erlang A: average patience'),
    agents: z.number().int().min(0).max(20_000).optional().describe('evaluate this many'),
    shrinkage: z.number().min(0).lt(1).optional().describe('fraction of paid time off the phones'),
  })
  .meta({ id: 'StaffingRequest' });

export const StaffingPlanQuery = z.object({
  dimension: z.enum(['queue', 'channel']).default('queue'),
  key: z.string().min(1).max(200).describe('queue id or channel'),
  from: z.string().describe('first local date to plan, YYYY-MM-DD'),
  days: z.coerce.number().int().min(1).max(31).default(7),
  weeks: z.coerce.number().int().min(1).max(26).default(8),
  model: z.enum(['erlang-c', 'erlang-a']).default('erlang-c'),
  targetServiceLevel: z.coerce.number().gt(0).lt(1).default(0.8),
  targetAnswerSeconds: z.coerce.number().min(0).max(3600).default(20),
  patienceSeconds: z.coerce.number().positive().optional(),
  shrinkage: z.coerce.number().min(0).lt(1).optional(),
  defaultAhtSeconds: z.coerce.number().positive().max(86_400).default(180),
});

export const StaffingPlanSlot = z
  .object({
    start: z.string(),
    offered: z.number().describe('forecast contacts in the 15 minutes'),
    ahtSeconds: z.number(),
    agents: z.number().int(),
    scheduledAgents: z.number().int(),
    serviceLevel: z.number().nullable(),
  })
  .meta({ id: 'StaffingPlanSlot' });

export const StaffingResponse = z
  .object({
    agents: z.number().int().describe('agents on the phones'),
    scheduledAgents: z.number().int().describe('agents to schedule, shrinkage included'),
    erlangs: z.number(),
    serviceLevel: z.number().describe('fraction answered within the target (abandons are misses)'),
    asa: z.number().nullable().describe('average wait over all offered calls, seconds'),
    occupancy: z.number(),
    probWait: z.number(),
    probAbandon: z.number().optional(),
    probBlock: z.number().optional(),
    meetsTarget: z.boolean(),
  })
  .meta({ id: 'StaffingResult' });
