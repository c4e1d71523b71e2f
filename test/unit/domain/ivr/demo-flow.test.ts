import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoFlow, demoPromptTexts } from '../../../../src/domain/ivr/demo-flow.ts';
import type { Prompts } from '../../../../src/domain/ivr/ivr-flow.ts';
import { ivrLanguages } from '../../../../src/domain/ivr/ivr-language.ts';
import {
  keyPrompts,
  musicOnHold,
  queueAnnouncement,
  queueAnnouncementTexts,
} from '../../../../src/domain/ivr/queue-announcement.ts';
import { say, sayVocabulary } from '../../../../src/domain/ivr/say.ts';
import { surveyPromptTexts } from '../../../../src/domain/quality/ivr-survey.ts';
import { dialerPromptTexts } from '../../../../src/domain/dialer/dialer-prompts.ts';
import { demo } from './fixtures.ts';

const promptsDir = join(import.meta.dirname, '../../../../assets/prompts');

function promptLists(): Prompts[] {
  return Object.values(demo.nodes).flatMap((n) => {
    const lists: (Prompts | undefined)[] = [];
    if ('prompts' in n) lists.push(n.prompts);
    if (n.type === 'menu' || n.type === 'collect') lists.push(n.invalidPrompts, n.timeoutPrompts);
    return lists.filter((l): l is Prompts => l !== undefined);
  });
}

/** Reads the fmt chunk of a canonical 44-byte-header WAVE file. */
function wavFormat(file: string) {
  const b = readFileSync(file);
  return {
    riff: b.toString('ascii', 0, 4) + b.toString('ascii', 8, 12),
    format: b.readUInt16LE(20),
    channels: b.readUInt16LE(22),
    sampleRate: b.readUInt32LE(24),
    bits: b.readUInt16LE(34),
    dataBytes: b.readUInt32LE(40),
  };
}

describe('the demo flow', () => {
  it('uses the queue and calendar ids it is given', () => {
    const flow = demoFlow({
      complaintsQueueId: 'qc',
      generalQueueId: 'qg',
      calendarId: 'cal',
      version: 7,
    });
    expect(flow.version).toBe(7);
    expect(flow.nodes['complaint-queue']).toMatchObject({
      queueId: 'qc',
      attributes: { topic: 'complaint' },
    });
    expect(flow.nodes['general-queue']).toMatchObject({
      queueId: 'qg',
      attributes: { topic: 'general' },
    });
    expect(flow.nodes['general-hours']).toMatchObject({ calendarId: 'cal' });
  });

  it('has a text for every prompt it names, in every language it can be played in', () => {
    for (const list of promptLists())
      for (const ref of list) {
        if (!('prompt' in ref)) continue;
        const texts = demoPromptTexts[ref.prompt];
        expect(texts, ref.prompt).toBeDefined();
        for (const lang of ref.language ? [ref.language] : ivrLanguages)
          expect(texts?.[lang], `${lang}/${ref.prompt}`).toBeTruthy();
      }
  });
});

describe('queue announcements', () => {
  it('announce the position and the call-back key', () => {
    expect(queueAnnouncement('zh', { busy: true, position: 3, callbackDigit: '1' })).toEqual([
      'zh/queue-wait',
      'zh/queue-position',
      'zh/num-3',
      'zh/queue-position-end',
      'zh/queue-callback-offer',
      'zh/num-1',
    ]);
    expect(queueAnnouncement('en', { position: 12 })).toEqual([
      'en/queue-position',
      'en/num-12',
      'en/queue-position-end',
    ]);
    expect(queueAnnouncement('en', { position: 0, callbackDigit: '#' })).toEqual([
      'en/queue-callback-offer',
      'en/pound',
    ]);
    expect(keyPrompts('zh', '*')).toEqual(['zh/xing']);
  });
});

describe('the recorded prompts (assets/prompts)', () => {
  const expected = [
    musicOnHold,
    ...ivrLanguages.flatMap((lang) => [
      ...sayVocabulary(lang).map((w) => w.prompt),
      ...[demoPromptTexts, queueAnnouncementTexts, surveyPromptTexts, dialerPromptTexts].flatMap(
        (texts) =>
          Object.entries(texts)
            .filter(([, t]) => t[lang] !== undefined)
            .map(([name]) => `${lang}/${name}`),
      ),
    ]),
  ];

  it('are exactly the demo prompts, the queue announcements, the survey prompts, the say vocabulary and music on hold', () => {
    const onDisk = [
      'moh',
      ...ivrLanguages.flatMap((lang) =>
        readdirSync(join(promptsDir, lang)).map((f) => `${lang}/${f.replace(/\.wav$/, '')}`),
      ),
    ];
    expect(onDisk.sort()).toEqual([...expected].sort());
  });

  it('are 8 kHz mono 16-bit PCM WAVE files, under 3.5 MB together', () => {
    let total = 0;
    for (const name of expected) {
      const file = join(promptsDir, `${name}.wav`);
      const f = wavFormat(file);
      expect(f, name).toMatchObject({
        riff: 'RIFFWAVE',
        format: 1,
        channels: 1,
        sampleRate: 8000,
        bits: 16,
      });
      expect(f.dataBytes, name).toBeGreaterThan(800); // at least 50 ms of sound
      total += readFileSync(file).length;
    }
    expect(total).toBeLessThan(3_500_000); // 3.40 MB with the dialer's abandon message
  });

  it('cover every word say can produce for a sample of values', () => {
    for (const lang of ivrLanguages)
      for (const [kind, value] of [
        ['number', '-1234567890.5'],
        ['amount', '2222.22'],
        ['date', '2026-11-29'],
        ['digits', '0123456789*#'],
      ] as const)
        for (const w of say(lang, kind, value) ?? [])
          expect(readFileSync(join(promptsDir, `${w}.wav`)).length).toBeGreaterThan(44);
  });
});
