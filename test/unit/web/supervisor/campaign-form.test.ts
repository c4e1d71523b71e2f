/** The campaign form ↔ API conversions, the legal actions and the records CSV of the web app. */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  campaignStates,
  defaultRetry as serverRetry,
  dialerModes as serverModes,
  moveCampaign,
  retryResults as serverRetryResults,
  type Campaign as DomainCampaign,
} from '../../../../src/domain/dialer/campaign.ts';
import {
  dialResults as serverResults,
  recordStates as serverRecordStates,
} from '../../../../src/domain/dialer/campaign-record.ts';
import { weekdays as serverWeekdays } from '../../../../src/domain/sla/zoned-time.ts';
import {
  callerIdPattern,
  defaultRetry,
  nextInterval,
  percentText,
  timeSlots,
  toCampaignBody,
  toFormValues,
} from '../../../../web/src/supervisor/campaigns/campaign-form.ts';
import {
  campaignActions,
  canDo,
  isEditable,
} from '../../../../web/src/supervisor/campaigns/campaign-moves.ts';
import {
  dialerModes,
  dialResults,
  recordStates,
  retryResults,
  weekdays,
  type Campaign,
  type CampaignRecord,
} from '../../../../web/src/supervisor/campaigns/campaign-types.ts';
import { recordsCsv } from '../../../../web/src/supervisor/campaigns/records-csv.ts';

const campaign: Campaign = {
  id: 'c1',
  kind: 'list',
  name: 'Renewals',
  mode: 'predictive',
  queueId: 'q1',
  callerId: '+861012345678',
  timeZone: 'Asia/Urumqi',
  windows: {
    mon: [
      { start: '13:00', end: '18:00' },
      { start: '09:00', end: '12:00' },
    ],
    sat: [],
  },
  holidays: ['2026-10-01', '2026-10-02'],
  retry: {
    busy: { maxAttempts: 4, retryAfterMinutes: 5 },
    no_answer: { maxAttempts: 2, retryAfterMinutes: 120 },
    failed: { maxAttempts: 1, retryAfterMinutes: 30 },
  },
  maxAbandonRate: 0.035,
  state: 'paused',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('campaign form values', () => {
  it('start a new campaign with the server defaults: weekdays 09:00–21:00, 3 %, Asia/Shanghai', () => {
    const v = toFormValues(null, 'q-general');
    expect(v).toMatchObject({
      name: '',
      mode: 'progressive',
      queueId: 'q-general',
      timeZone: 'Asia/Shanghai',
      maxAbandonRate: 3,
      retry: serverRetry,
      holidays: [],
    });
    expect(v.windows.mon).toEqual([{ start: '09:00', end: '21:00' }]);
    expect(v.windows.fri).toEqual([{ start: '09:00', end: '21:00' }]);
    expect(v.windows.sat).toEqual([]);
    expect(v.windows.sun).toEqual([]);
    const body = toCampaignBody({ ...v, name: ' Survey ', callerId: '+8610800' });
    expect(body.maxAbandonRate).toBe(0.03);
    expect(body.name).toBe('Survey');
    expect(Object.keys(body.windows)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
  });

  it('round-trip a campaign: windows sorted, empty days left out, holidays as local dates', () => {
    const v = toFormValues(campaign);
    expect(v.maxAbandonRate).toBe(3.5);
    expect(v.holidays.map((d) => d.format('YYYY-MM-DD'))).toEqual(campaign.holidays);
    expect(v.windows.tue).toEqual([]);
    const body = toCampaignBody(v);
    expect(body).toEqual({
      name: 'Renewals',
      mode: 'predictive',
      queueId: 'q1',
      callerId: '+861012345678',
      timeZone: 'Asia/Urumqi',
      windows: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
      },
      holidays: ['2026-10-01', '2026-10-02'],
      retry: campaign.retry,
      maxAbandonRate: 0.035,
    });
    // Editing the form's copy never changes the campaign it came from.
    v.windows.mon[0]!.start = '08:00';
    expect(campaign.windows.mon?.[1]?.start).toBe('09:00');
  });

  it('sort and deduplicate picked holidays; keep fractional percentages exact', () => {
    const v = toFormValues(campaign);
    v.holidays = [dayjs('2027-02-17'), dayjs('2027-02-16'), dayjs('2027-02-17')];
    v.maxAbandonRate = 2.3;
    const body = toCampaignBody(v);
    expect(body.holidays).toEqual(['2027-02-16', '2027-02-17']);
    expect(body.maxAbandonRate).toBe(0.023);
  });

  it('check caller IDs as the server does', () => {
    for (const ok of ['+861012345678', '+123456', '+123456789012345'])
      expect(callerIdPattern.test(ok)).toBe(true);
    for (const bad of ['861012345678', '+0861012345', '+12345', '+1234567890123456', '+86 10 1234'])
      expect(callerIdPattern.test(bad)).toBe(false);
  });

  it('offer times every 15 minutes up to 24:00 and the next window after the last', () => {
    expect(timeSlots[0]).toBe('00:00');
    expect(timeSlots[37]).toBe('09:15');
    expect(timeSlots.at(-1)).toBe('24:00');
    expect(timeSlots).toHaveLength(97);
    expect(nextInterval([])).toEqual({ start: '09:00', end: '12:00' });
    expect(nextInterval([{ start: '09:00', end: '12:00' }])).toEqual({
      start: '12:00',
      end: '15:00',
    });
    expect(nextInterval([{ start: '20:00', end: '23:00' }])).toEqual({
      start: '23:00',
      end: '24:00',
    });
  });

  it('show rates as percentages with one decimal', () => {
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(0.03)).toBe('3.0%');
    expect(percentText(1 / 30)).toBe('3.3%');
  });
});

describe('the web copy of the dialer constants', () => {
  it('matches the server', () => {
    expect(dialerModes).toEqual(serverModes);
    expect(weekdays).toEqual(serverWeekdays);
    expect(retryResults).toEqual(serverRetryResults);
    expect(recordStates).toEqual(serverRecordStates);
    expect(dialResults).toEqual(serverResults);
    expect(defaultRetry).toEqual(serverRetry);
  });

  it('enables exactly the moves the server state machine allows', () => {
    const to = { start: 'running', pause: 'paused', stop: 'stopped' } as const;
    for (const state of campaignStates) {
      const c = { state } as DomainCampaign;
      for (const action of campaignActions) {
        let legal = true;
        try {
          moveCampaign(c, to[action], new Date());
        } catch {
          legal = false;
        }
        expect(canDo(state, action), `${action} from ${state}`).toBe(legal);
      }
      expect(isEditable(state)).toBe(state !== 'completed' && state !== 'stopped');
    }
  });
});

describe('records CSV', () => {
  it('quotes what needs it and lists the attempts with agent names', () => {
    const r: CampaignRecord = {
      id: 'r1',
      campaignId: 'c1',
      number: '8613800138000',
      position: 1,
      name: 'Li, "Lei"',
      data: {},
      timeZone: null,
      state: 'pending',
      nextAt: '2026-11-02T01:00:00.000Z',
      attempts: [
        { at: '2026-11-02T00:00:00.000Z', result: 'busy', agentId: null },
        { at: '2026-11-02T00:10:00.000Z', result: 'connected', agentId: 'a1' },
      ],
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    const csv = recordsCsv([r], (id) => (id === 'a1' ? '王芳' : id));
    expect(csv.startsWith('\uFEFFposition,number,name,state,attempts,next_at,history\r\n')).toBe(
      true,
    );
    expect(csv.split('\r\n')[1]).toBe(
      '1,+8613800138000,"Li, ""Lei""",pending,2,2026-11-02T01:00:00.000Z,' +
        '2026-11-02T00:00:00.000Z busy; 2026-11-02T00:10:00.000Z connected 王芳',
    );
  });
});
