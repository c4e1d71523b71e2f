/** SIP devices (phones) by extension; part of the store port. */
import type { DeviceKind } from '../../domain/resource/seat.ts';

export interface SipDevice {
  readonly extension: string;
  readonly displayName: string;
  readonly realm: string;
  /** Digest HA1 = H(extension:realm:password) with MD5 and with SHA-256 (RFC 8760). */
  readonly ha1Md5: string;
  readonly ha1Sha256: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly kind: DeviceKind;
  /** The seat it stands at, if bound; deleting the seat unbinds it. */
  readonly seatId: string | null;
}

export interface DeviceRepo {
  get(extension: string): Promise<SipDevice | null>;
  /** By extension. */
  list(): Promise<SipDevice[]>;
  /** Inserts or replaces the device. */
  upsert(d: SipDevice): Promise<void>;
  delete(extension: string): Promise<boolean>;
}
