/**
 * Where the desk and soft phones are right now: their live registrations, as the switch's
 * registrar and qualifier see them. Without a switch no phone is registered.
 */

export interface PhoneRegistration {
  readonly contact: string;
  /** Where the REGISTER came from (`udp:203.0.113.5:5060`): behind NAT, not the Contact. */
  readonly source: string;
  readonly userAgent: string | null;
  readonly expiresAt: Date;
  /** From the last OPTIONS probe; null before the first. */
  readonly reachable: boolean | null;
  readonly rttMs: number | null;
}

export interface PhoneDirectory {
  registrations(extension: string): Promise<PhoneRegistration[]>;
}

/** Delegates to the switch once it runs. */
export class PhoneDirectoryHub implements PhoneDirectory {
  private impl: PhoneDirectory | null = null;

  attach(impl: PhoneDirectory | null): void {
    this.impl = impl;
  }

  registrations(extension: string): Promise<PhoneRegistration[]> {
    return this.impl ? this.impl.registrations(extension) : Promise.resolve([]);
  }
}
