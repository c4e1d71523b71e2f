/**
 * The retention policy: recordings older than N days are deleted (file removed, catalogue row
 * kept as a tombstone with reason 'retention'), each deletion logged as a `recording.deleted`
 * event and every run audited. A call still in progress is never touched: only finished
 * recordings of ended contacts are candidates (RecordingRepo.expired).
 */
import { systemActor, type Actor, type AppDeps } from '../app-context.ts';
import type { RecordingStore } from '../ports/recording-store.ts';
import { DomainError } from '../../domain/errors.ts';

export interface RetentionPolicy {
  /** Keep recordings this many days; null keeps them for ever. */
  readonly days: number | null;
}

const settingKey = 'recordings.retention';
const maxDays = 36_500;
const batch = 200;

export class RecordingRetention {
  constructor(
    private readonly deps: AppDeps,
    private readonly files: RecordingStore,
  ) {}

  async policy(): Promise<RetentionPolicy> {
    return (await this.deps.store.settings.get<RetentionPolicy>(settingKey)) ?? { days: null };
  }

  async setPolicy(p: RetentionPolicy): Promise<RetentionPolicy> {
    if (p.days !== null && (!Number.isInteger(p.days) || p.days < 1 || p.days > maxDays))
      throw new DomainError(
        'recording.invalid_retention',
        `retention is a whole number of days from 1 to ${maxDays}, or null to keep all`,
        { field: 'days' },
      );
    await this.deps.store.settings.set(settingKey, { days: p.days });
    return { days: p.days };
  }

  /** Deletes what the policy says is too old; resolves with how many were deleted. */
  async sweep(actor: Actor): Promise<{ deleted: number; days: number | null }> {
    const { days } = await this.policy();
    if (days === null) return { deleted: 0, days };
    const now = this.deps.clock.now();
    const before = new Date(now.getTime() - days * 86_400_000);
    let deleted = 0;
    for (;;) {
      const due = await this.deps.store.recordings.expired(before, batch);
      for (const r of due) {
        await this.files.remove(r.recordingId);
        await this.deps.store.transaction(async (tx) => {
          if (!(await tx.recordings.markDeleted(r.contactId, now, 'retention'))) return;
          deleted++;
          tx.append(
            [
              {
                type: 'recording.deleted',
                subjectType: 'contact',
                subjectId: r.contactId,
                payload: { recordingId: r.recordingId, reason: 'retention', days },
                scope: {
                  userIds: r.agentId ? [r.agentId] : [],
                  teamIds: [],
                  dispatchTeamIds: [],
                  customerId: null,
                },
              },
            ],
            { actorId: actor.id, at: now },
          );
        });
      }
      if (due.length < batch) break;
    }
    // Every run someone asked for, and the hourly runs that removed something.
    if (deleted > 0 || actor.id !== systemActor.id)
      await this.deps.store.audit.insert({
        at: now,
        actorId: actor.id,
        actorName: actor.username,
        action: 'recordings.retention',
        targetType: 'recordings',
        targetId: null,
        ip: actor.ip,
        outcome: 'ok',
        details: { days, deleted },
      });
    return { deleted, days };
  }
}
