/**
 * SMPP 3.4 command_status values (§5.1.3) the SMS channel acts on, their names for logs, and
 * which submit_sm errors no retry can fix.
 */
export const smppStatus = {
  ok: 0x00,
  invalidMessageLength: 0x01,
  invalidBindStatus: 0x04,
  systemError: 0x08,
  invalidSourceAddress: 0x0a,
  invalidDestAddress: 0x0b,
  bindFailed: 0x0d,
  invalidPassword: 0x0e,
  invalidSystemId: 0x0f,
  messageQueueFull: 0x14,
  invalidEsmClass: 0x43,
  submitFailed: 0x45,
  invalidSourceTon: 0x48,
  invalidSourceNpi: 0x49,
  invalidDestTon: 0x50,
  invalidDestNpi: 0x51,
  throttled: 0x58,
  receiverTemporaryError: 0x64,
  receiverPermanentError: 0x65,
} as const;

const names: Record<number, string> = {
  0x00: 'ESME_ROK',
  0x01: 'ESME_RINVMSGLEN',
  0x04: 'ESME_RINVBNDSTS',
  0x08: 'ESME_RSYSERR',
  0x0a: 'ESME_RINVSRCADR',
  0x0b: 'ESME_RINVDSTADR',
  0x0d: 'ESME_RBINDFAIL',
  0x0e: 'ESME_RINVPASWD',
  0x0f: 'ESME_RINVSYSID',
  0x14: 'ESME_RMSGQFUL',
  0x43: 'ESME_RINVESMCLASS',
  0x45: 'ESME_RSUBMITFAIL',
  0x48: 'ESME_RINVSRCTON',
  0x49: 'ESME_RINVSRCNPI',
  0x50: 'ESME_RINVDSTTON',
  0x51: 'ESME_RINVDSTNPI',
  0x58: 'ESME_RTHROTTLED',
  0x64: 'ESME_RX_T_APPN',
  0x65: 'ESME_RX_P_APPN',
};

/** 'ESME_RTHROTTLED (0x58)', or the bare hex for a vendor-specific status. */
export function statusName(status: number): string {
  const hex = `0x${status.toString(16).padStart(2, '0')}`;
  const name = names[status];
  return name ? `${name} (${hex})` : hex;
}

/**
 * Bad addresses and malformed messages fail again however often they are sent; throttling,
 * a full queue, system errors and anything unknown may pass later (§5.1.3).
 */
const permanent = new Set<number>([
  smppStatus.invalidMessageLength,
  smppStatus.invalidSourceAddress,
  smppStatus.invalidDestAddress,
  smppStatus.invalidEsmClass,
  smppStatus.invalidSourceTon,
  smppStatus.invalidSourceNpi,
  smppStatus.invalidDestTon,
  smppStatus.invalidDestNpi,
  smppStatus.receiverPermanentError,
]);

export function isPermanentSubmitError(status: number): boolean {
  return permanent.has(status);
}
