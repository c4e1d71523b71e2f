/**
 * A contact (联系) is one interaction on one channel. IVR data gathered before an agent answers
 * travels with it as string key/values (the seed's "contact data"), so a screen pop can show it.
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent, EventScope } from '../events/domain-event.ts';

export const channels = ['voice', 'email', 'sms', 'fax', 'webchat', 'webform'] as const;
export type Channel = (typeof channels)[number];
export const directions = ['inbound', 'outbound'] as const;
export type Direction = (typeof directions)[number];

export type IvrData = Readonly<Record<string, string>>;

export interface Contact {
  readonly id: string;
  readonly channel: Channel;
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly subject: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly ivrData: IvrData;
  readonly wrapUpCode: string | null;
  readonly customerId: string | null;
  readonly caseId: string | null;
  readonly agentId: string | null;
  readonly teamId: string | null;
  /** The router task that offered this contact to agents, if any. */
  readonly taskId: string | null;
  /** When the contact started waiting in a queue, was offered to an agent, was answered. */
  readonly queuedAt: Date | null;
  readonly offeredAt: Date | null;
  readonly answeredAt: Date | null;
  /** The call recording's id (voice), if recorded. */
  readonly recordingId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const ivrLimits = { keys: 64, keyLength: 64, valueLength: 1024 } as const;

export function assertIvrData(data: Readonly<Record<string, unknown>>): IvrData {
  const entries = Object.entries(data);
  if (entries.length > ivrLimits.keys)
    throw new DomainError('contact.invalid', `at most ${ivrLimits.keys} IVR data keys`, {
      field: 'ivrData',
    });
  for (const [k, v] of entries) {
    if (!/^[A-Za-z0-9_.-]+$/.test(k) || k.length > ivrLimits.keyLength)
      throw new DomainError('contact.invalid', `bad IVR data key '${k.slice(0, 64)}'`, {
        field: 'ivrData',
      });
    if (typeof v !== 'string' || v.length > ivrLimits.valueLength)
      throw new DomainError('contact.invalid', `IVR data '${k}' must be a string ≤ 1024 chars`, {
        field: 'ivrData',
      });
  }
  return data as IvrData;
}

export function assertContactTimes(startedAt: Date, endedAt: Date | null): void {
  if (endedAt && endedAt.getTime() < startedAt.getTime())
    throw new DomainError('contact.invalid', 'a contact cannot end before it starts', {
      field: 'endedAt',
    });
}

export function contactScope(c: Contact): EventScope {
  return {
    userIds: c.agentId ? [c.agentId] : [],
    teamIds: c.teamId ? [c.teamId] : [],
    dispatchTeamIds: [],
    customerId: null,
  };
}

export function contactEvent(
  c: Contact,
  type: 'contact.created' | 'contact.updated' | 'contact.deleted',
  payload: Record<string, unknown> = {},
): DomainEvent {
  return {
    type,
    subjectType: 'contact',
    subjectId: c.id,
    payload: { channel: c.channel, direction: c.direction, customerId: c.customerId, ...payload },
    scope: contactScope(c),
  };
}
