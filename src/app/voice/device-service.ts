/**
 * SIP devices: the phones agents log in with. A device is an extension and a password; only the
 * digest HA1 hashes are stored (MD5 and SHA-256, RFC 8760), which is all a registrar needs.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { StoreTx } from '../ports/store.ts';
import type { SipDevice } from '../ports/device-repo.ts';
import type { DeviceKind } from '../../domain/resource/seat.ts';

export const defaultRealm = 'kefu';
const extensionPattern = /^[0-9]{2,12}$/;

export const ha1 = (
  algorithm: 'md5' | 'sha256',
  extension: string,
  realm: string,
  password: string,
) => createHash(algorithm).update(`${extension}:${realm}:${password}`).digest('hex');

export class DeviceService {
  constructor(private readonly deps: AppDeps) {}

  list() {
    return this.deps.store.devices.list();
  }

  async upsert(
    actor: Actor,
    d: {
      extension: string;
      password: string;
      displayName?: string;
      enabled?: boolean;
      kind?: DeviceKind;
      seatId?: string | null;
    },
    realm = defaultRealm,
  ): Promise<SipDevice> {
    if (!extensionPattern.test(d.extension))
      throw new DomainError('validation.failed', 'an extension is 2–12 digits', {
        field: 'extension',
      });
    if (d.password.length < 8 || d.password.length > 128)
      throw new DomainError('validation.failed', 'a device password is 8–128 characters', {
        field: 'password',
      });
    const device: SipDevice = {
      extension: d.extension,
      displayName: d.displayName ?? `Extension ${d.extension}`,
      realm,
      ha1Md5: ha1('md5', d.extension, realm, d.password),
      ha1Sha256: ha1('sha256', d.extension, realm, d.password),
      enabled: d.enabled ?? true,
      createdAt: this.deps.clock.now(),
      kind: d.kind ?? 'desk_phone',
      seatId: d.seatId ?? null,
    };
    await this.deps.store.transaction(async (tx) => {
      if (device.seatId) await this.assertSeat(tx, device.seatId);
      await tx.devices.upsert(device);
      tx.append(
        [
          {
            type: 'device.saved',
            subjectType: 'device',
            subjectId: device.extension,
            payload: { enabled: device.enabled, kind: device.kind, seatId: device.seatId },
            scope: adminOnlyScope,
          },
        ],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
    });
    return device;
  }

  /** Changes a device's kind, seat or name without touching its password. */
  async update(
    actor: Actor,
    extension: string,
    d: { kind?: DeviceKind; seatId?: string | null; displayName?: string; enabled?: boolean },
  ): Promise<SipDevice> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.devices.get(extension);
      if (!cur) throw new DomainError('not_found', 'no such device', { extension });
      if (d.seatId) await this.assertSeat(tx, d.seatId);
      const next: SipDevice = {
        ...cur,
        ...(d.kind !== undefined ? { kind: d.kind } : {}),
        ...(d.seatId !== undefined ? { seatId: d.seatId } : {}),
        ...(d.displayName !== undefined ? { displayName: d.displayName } : {}),
        ...(d.enabled !== undefined ? { enabled: d.enabled } : {}),
      };
      await tx.devices.upsert(next);
      tx.append(
        [
          {
            type: 'device.saved',
            subjectType: 'device',
            subjectId: extension,
            payload: { enabled: next.enabled, kind: next.kind, seatId: next.seatId },
            scope: adminOnlyScope,
          },
        ],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
      return next;
    });
  }

  private async assertSeat(tx: StoreTx, seatId: string): Promise<void> {
    if (!(await tx.resources.getSeat(seatId)))
      throw new DomainError('resource.invalid', 'no such seat', { field: 'seatId', seatId });
  }

  async remove(actor: Actor, extension: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.devices.delete(extension)))
        throw new DomainError('not_found', 'no such device', { extension });
      tx.append(
        [
          {
            type: 'device.deleted',
            subjectType: 'device',
            subjectId: extension,
            payload: {},
            scope: adminOnlyScope,
          },
        ],
        { actorId: actor.id, at: this.deps.clock.now() },
      );
    });
  }
}
