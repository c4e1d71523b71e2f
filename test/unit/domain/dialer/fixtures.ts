/** A valid campaign for the dialer's unit tests: weekdays 09:00–12:00 and 14:00–20:00 in Shanghai. */
import { defaultRetry, type Campaign } from '../../../../src/domain/dialer/campaign.ts';

const hours = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '20:00' },
];
export const campaign: Campaign = {
  id: 'c1',
  name: 'Renewals',
  mode: 'progressive',
  queueId: 'q1',
  callerId: '+861012345678',
  timeZone: 'Asia/Shanghai',
  windows: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  holidays: ['2026-12-25'],
  retry: defaultRetry,
  kind: 'list',
  maxAbandonRate: 0.03,
  state: 'draft',
  createdAt: new Date('2026-11-30T00:00:00Z'),
  updatedAt: new Date('2026-11-30T00:00:00Z'),
};
