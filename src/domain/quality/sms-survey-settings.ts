/**
 * When kefu texts a customer a satisfaction survey after a contact: on or off, for which contact
 * channels and queues (none listed: every queue), the text, and how long a reply counts.
 */
import { channels, type Channel } from '../contact/contact.ts';
import { DomainError } from '../errors.ts';

export interface SmsSurveySettings {
  readonly enabled: boolean;
  /** Contact channels whose wrap-up sends the survey (the customer needs a mobile number). */
  readonly channels: readonly Channel[];
  /** Queues whose contacts are surveyed; empty means every queue. */
  readonly queueIds: readonly string[];
  readonly text: string;
  /** A digit 1–5 from the customer's number within this many hours is the answer. */
  readonly replyHours: number;
}

export const defaultSmsSurveySettings: SmsSurveySettings = {
  enabled: false,
  channels: ['voice', 'sms'],
  queueIds: [],
  text: '感谢您的来电。请回复数字 1–5 为本次服务评分（5 = 非常满意）。',
  replyHours: 24,
};

export function assertSmsSurveySettings(s: SmsSurveySettings): void {
  const bad = (message: string, field: string) =>
    new DomainError('survey.invalid', message, { field });
  if (!s.text.trim() || s.text.length > 300)
    throw bad('the survey text has 1–300 characters', 'text');
  if (!Number.isInteger(s.replyHours) || s.replyHours < 1 || s.replyHours > 168)
    throw bad('replies count for 1 to 168 hours', 'replyHours');
  for (const c of s.channels)
    if (!channels.includes(c)) throw bad(`unknown channel '${String(c)}'`, 'channels');
}
