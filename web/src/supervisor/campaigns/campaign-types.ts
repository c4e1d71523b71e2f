/** Shapes the campaigns tab reads and sends, from the server's contracts (types only). */
import type { z } from 'zod';
import type {
  CampaignStatsView,
  CampaignView,
  DncView,
  ImportReportView,
  RecordView,
} from '../../../../src/contracts/dialer.ts';

export type Campaign = z.infer<typeof CampaignView>;
export type CampaignState = Campaign['state'];
export type DialerMode = Campaign['mode'];
export type CampaignStats = z.infer<typeof CampaignStatsView>;
export type CampaignRecord = z.infer<typeof RecordView>;
export type RecordState = CampaignRecord['state'];
export type DialResult = CampaignRecord['attempts'][number]['result'];
export type ImportReport = z.infer<typeof ImportReportView>;
export type DncEntry = z.infer<typeof DncView>;
export type Weekday = keyof Campaign['windows'];
export type Interval = NonNullable<Campaign['windows'][Weekday]>[number];
export type RetryResult = keyof Campaign['retry'];
export type RetryRule = Campaign['retry'][RetryResult];

export const dialerModes: readonly DialerMode[] = ['preview', 'progressive', 'predictive'];
export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const retryResults: readonly RetryResult[] = ['busy', 'no_answer', 'failed'];
export const recordStates: readonly RecordState[] = [
  'pending',
  'dialing',
  'connected',
  'busy',
  'no_answer',
  'failed',
  'abandoned',
  'done',
  'exhausted',
  'dnc_blocked',
];
export const dialResults: readonly DialResult[] = [
  'connected',
  'busy',
  'no_answer',
  'failed',
  'abandoned',
];
