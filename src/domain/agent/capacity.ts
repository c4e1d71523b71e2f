/**
 * Channel capacity (并发能力): how many tasks of each channel an agent may hold at once. The
 * router asks `hasRoom` before offering a task and ranks agents by `occupancy` for "least
 * occupied" routing. An agent's load is the count of active tasks (offered, accepted, in
 * progress) per channel, as the router counts them.
 */
import { DomainError } from '../errors.ts';

export const workChannels = [
  'voice',
  'webchat',
  'email',
  'sms',
  'fax',
  'webform',
  'callback',
  'case',
] as const;
export type WorkChannel = (typeof workChannels)[number];

export const isWorkChannel = (s: string): s is WorkChannel =>
  (workChannels as readonly string[]).includes(s);

/** Active tasks per channel; a missing channel holds none. */
export type ChannelLoad = Readonly<Partial<Record<WorkChannel, number>>>;

export interface CapacityProfile {
  readonly id: string;
  readonly name: string;
  /** Most tasks of each channel at once; a missing channel is 0: the agent cannot take it. */
  readonly limits: Readonly<Partial<Record<WorkChannel, number>>>;
  /**
   * Voice and the other channels are mutually exclusive: a voice task only when the agent holds
   * no other task, any other task only when the agent holds no voice task.
   */
  readonly voiceBlocksOthers: boolean;
  /** Most tasks over all channels together; null: only the per-channel limits apply. */
  readonly maxTotal: number | null;
}

/** Largest per-channel limit an administrator may set. */
export const maxChannelLimit = 100;

export const defaultCapacityProfile: CapacityProfile = {
  id: 'default',
  name: 'Default',
  limits: { voice: 1, webchat: 3, email: 5, sms: 5, fax: 5, webform: 5, callback: 1, case: 10 },
  voiceBlocksOthers: true,
  maxTotal: null,
};

function invalid(message: string, field: string): DomainError {
  return new DomainError('agent.invalid_capacity', message, { field });
}

const isNonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * Returns the profile unchanged when it is well formed; otherwise throws
 * DomainError('agent.invalid_capacity') with the offending `field` in the details. Limits are
 * whole numbers 0–100 for known channels; maxTotal is null or a whole number ≥ 0.
 */
export function validateCapacityProfile(p: CapacityProfile): CapacityProfile {
  if (typeof p !== 'object' || p === null) throw invalid('a profile must be an object', 'profile');
  if (!isNonEmpty(p.id)) throw invalid('id is required', 'id');
  if (!isNonEmpty(p.name)) throw invalid('name is required', 'name');
  if (typeof p.limits !== 'object' || p.limits === null || Array.isArray(p.limits))
    throw invalid('limits must be an object', 'limits');
  for (const [channel, limit] of Object.entries(p.limits)) {
    const field = `limits.${channel}`;
    if (!isWorkChannel(channel)) throw invalid(`unknown channel ${channel}`, field);
    // An explicit undefined is the same as leaving the channel out.
    if (
      limit !== undefined &&
      (typeof limit !== 'number' ||
        !Number.isInteger(limit) ||
        limit < 0 ||
        limit > maxChannelLimit)
    )
      throw invalid(`${field} must be a whole number 0–${maxChannelLimit}`, field);
  }
  if (typeof p.voiceBlocksOthers !== 'boolean')
    throw invalid('voiceBlocksOthers must be true or false', 'voiceBlocksOthers');
  if (
    p.maxTotal !== null &&
    (typeof p.maxTotal !== 'number' || !Number.isInteger(p.maxTotal) || p.maxTotal < 0)
  )
    throw invalid('maxTotal must be null or a whole number ≥ 0', 'maxTotal');
  return p;
}

export const limitOf = (p: CapacityProfile, channel: WorkChannel): number => p.limits[channel] ?? 0;

export const loadOf = (load: ChannelLoad, channel: WorkChannel): number => load[channel] ?? 0;

export function totalLoad(load: ChannelLoad): number {
  let n = 0;
  for (const ch of workChannels) n += loadOf(load, ch);
  return n;
}

/** The load with `n` more (or, negative, fewer, never below 0) tasks of `channel`. */
export function addLoad(load: ChannelLoad, channel: WorkChannel, n = 1): ChannelLoad {
  return { ...load, [channel]: Math.max(0, loadOf(load, channel) + n) };
}

/**
 * Whether the agent may take one more task of `channel`: the channel has a limit above its load,
 * the total stays within maxTotal, voiceBlocksOthers allows it, and the agent is not already over
 * any limit (after a profile was lowered while tasks were open the agent takes nothing new until
 * back within it).
 */
export function hasRoom(
  profile: CapacityProfile,
  load: ChannelLoad,
  channel: WorkChannel,
): boolean {
  for (const ch of workChannels) if (loadOf(load, ch) > limitOf(profile, ch)) return false;
  if (loadOf(load, channel) + 1 > limitOf(profile, channel)) return false;
  const total = totalLoad(load);
  if (profile.maxTotal !== null && total + 1 > profile.maxTotal) return false;
  if (profile.voiceBlocksOthers) {
    const voice = loadOf(load, 'voice');
    const others = total - voice;
    if (voice > 0 && others > 0) return false;
    if (channel === 'voice' ? others > 0 : voice > 0) return false;
  }
  return true;
}

/** The channels on which the agent may take one more task now. */
export function channelsWithRoom(profile: CapacityProfile, load: ChannelLoad): WorkChannel[] {
  return workChannels.filter((ch) => hasRoom(profile, load, ch));
}

/**
 * How full the agent is, 0..1: the largest fraction used over the channels with a limit above 0
 * and over maxTotal. Voice in use under voiceBlocksOthers counts as full (1), and so does any
 * task on a channel whose limit is 0 (the agent can take nothing more of what it holds).
 */
export function occupancy(profile: CapacityProfile, load: ChannelLoad): number {
  let max = 0;
  let total = 0;
  for (const ch of workChannels) {
    const used = Math.max(0, loadOf(load, ch));
    total += used;
    if (used === 0) continue;
    const limit = limitOf(profile, ch);
    if (limit <= 0 || (ch === 'voice' && profile.voiceBlocksOthers)) return 1;
    max = Math.max(max, used / limit);
  }
  if (profile.maxTotal !== null && total > 0)
    max = Math.max(max, profile.maxTotal === 0 ? 1 : total / profile.maxTotal);
  return Math.min(1, max);
}
