/**
 * Records kefu's IVR prompts with espeak-ng and sox: every prompt of the demo flow, the queue
 * announcements and the "say" vocabulary (numbers, amounts, dates, digits), in Mandarin and
 * English, as 8 kHz mono 16-bit PCM WAV under assets/prompts/<lang>/<name>.wav, plus a
 * music-on-hold loop assets/prompts/moh.wav; then writes assets/prompts/README.md listing them.
 *
 *   npx tsx scripts/generate-prompts.ts
 *
 * Needs espeak-ng and sox on the PATH. Mandarin uses the voice `cmn-latn-pinyin`: the plain
 * `cmn` voice reads the pinyin it derives from the characters as English ("ni three hao three").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import prettier from 'prettier';
import { demoPromptTexts } from '../src/domain/ivr/demo-flow.ts';
import { ivrLanguages, type IvrLanguage } from '../src/domain/ivr/ivr-language.ts';
import type { PromptTexts } from '../src/domain/ivr/prompt-texts.ts';
import { queueAnnouncementTexts } from '../src/domain/ivr/queue-announcement.ts';
import { surveyPromptTexts } from '../src/domain/quality/ivr-survey.ts';
import { dialerPromptTexts } from '../src/domain/dialer/dialer-prompts.ts';
import { sayVocabulary } from '../src/domain/ivr/say.ts';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'assets', 'prompts');

const voices: Record<IvrLanguage, { voice: string; speed: number }> = {
  zh: { voice: 'cmn-latn-pinyin', speed: 160 },
  en: { voice: 'en-us', speed: 160 },
};

/**
 * sox effects: trim leading silence, shorten pauses inside to 0.3 s at most (espeak-ng pauses
 * long at punctuation), trim trailing silence.
 */
const trim = [
  ...['silence', '-l', '1', '0.02', '0.5%', '-1', '0.3', '0.5%'],
  ...['reverse', 'silence', '1', '0.02', '0.5%', 'reverse'],
];

interface Recorded {
  readonly file: string;
  readonly text: string;
  readonly kind: 'prompt' | 'say' | 'moh';
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** sox in repeatable mode (fixed dither and noise seeds), so a re-run changes no file. */
const sox = (args: string[]) => run('sox', ['-R', ...args]);

function record(tmp: string, language: IvrLanguage, prompt: string, text: string, pad: number) {
  const file = join(out, `${prompt}.wav`);
  mkdirSync(dirname(file), { recursive: true });
  const raw = join(tmp, 'raw.wav');
  const { voice, speed } = voices[language];
  run('espeak-ng', ['-v', voice, '-s', String(speed), '-w', raw, text]);
  // espeak-ng writes 22050 Hz; telephony wants 8 kHz mono 16-bit linear PCM.
  sox([
    raw,
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    file,
    ...trim,
    'gain',
    '-n',
    '-3',
    'pad',
    '0',
    String(pad),
  ]);
}

/** A few seconds of soft chords (C – Am – F – G), each a sine pad with a plucked arpeggio. */
function musicOnHold(tmp: string): void {
  const chords = [
    [261.63, 329.63, 392.0],
    [220.0, 261.63, 329.63],
    [174.61, 220.0, 261.63],
    [196.0, 246.94, 293.66],
  ];
  const parts: string[] = [];
  chords.forEach((notes, i) => {
    const pad = join(tmp, `pad-${i}.wav`);
    const pluck = join(tmp, `pluck-${i}.wav`);
    const part = join(tmp, `part-${i}.wav`);
    // One channel per note, then mixed down to mono.
    const voices = join(tmp, `voices-${i}.wav`);
    sox([
      '-n',
      '-r',
      '8000',
      '-c',
      String(notes.length),
      '-b',
      '16',
      voices,
      'synth',
      '2',
      ...notes.flatMap((f) => ['sine', String(f)]),
    ]);
    sox([voices, '-c', '1', pad, 'fade', 'h', '0.3', '2', '0.5', 'gain', '-n', '-14']);
    const arpeggio = notes.map((f, j) => {
      const note = join(tmp, `note-${i}-${j}.wav`);
      sox([
        '-n',
        '-r',
        '8000',
        '-c',
        '1',
        '-b',
        '16',
        note,
        'synth',
        '0.5',
        'pluck',
        String(f * 2),
        'fade',
        'q',
        '0.01',
        '0.5',
        '0.2',
      ]);
      return note;
    });
    const tail = join(tmp, `tail-${i}.wav`);
    sox(['-n', '-r', '8000', '-c', '1', '-b', '16', tail, 'trim', '0', '0.5']);
    sox([...arpeggio, tail, pluck, 'gain', '-n', '-12']);
    sox(['-m', pad, pluck, part]);
    parts.push(part);
  });
  sox([...parts, '-r', '8000', '-c', '1', '-b', '16', join(out, 'moh.wav'), 'gain', '-n', '-6']);
}

function texts(language: IvrLanguage, catalog: PromptTexts): [string, string][] {
  return Object.entries(catalog).flatMap(([name, t]) => {
    const text = t[language];
    return text === undefined ? [] : [[`${language}/${name}`, text] as [string, string]];
  });
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(path);
    else if (entry.name.endsWith('.wav')) total += statSync(path).size;
  }
  return total;
}

function readme(list: Recorded[], bytes: number): string {
  const row = (r: Recorded) => `| \`${r.file}\` | ${r.text.replaceAll('|', '\\|')} |`;
  const section = (title: string, rows: Recorded[]) =>
    [`### ${title}`, '', '| file | says |', '| --- | --- |', ...rows.map(row), ''].join('\n');
  const byLang = (lang: string, kind: Recorded['kind']) =>
    list.filter((r) => r.kind === kind && r.file.startsWith(`${lang}/`));
  return [
    '# IVR prompts',
    '',
    'Generated by `npx tsx scripts/generate-prompts.ts`; do not edit the WAV files by hand, change',
    'the texts in `src/domain/ivr/` (demo-flow.ts, queue-announcement.ts, say-zh.ts, say-en.ts)',
    'and run the script again.',
    '',
    '- Format: RIFF WAVE, 8 kHz, mono, 16-bit signed linear PCM (what the voice runner plays on',
    '  G.711 calls without resampling).',
    '- Speech: [espeak-ng](https://github.com/espeak-ng/espeak-ng) at 160 words a minute, voice',
    '  `cmn-latn-pinyin` for Mandarin (`zh/`) and `en-us` for English (`en/`). The plain `cmn`',
    '  voice is not used: it reads the pinyin it derives from the characters as English.',
    '- espeak-ng writes 22050 Hz; [sox](https://sox.sourceforge.net) resamples it with',
    '  `sox in.wav -r 8000 -c 1 -b 16 out.wav`, trims leading and trailing silence, shortens',
    '  pauses to 0.3 s and normalises to -3 dBFS.',
    '- Words of the "say" vocabulary (`zh/num-1`, `zh/wan`, `en/num-20`, `en/dollars` …) are',
    '  played one after another to read numbers, amounts, dates and digit strings (see',
    '  `src/domain/ivr/say.ts`); sentences get 0.15 s of silence at the end, words none.',
    '- `moh.wav`: music on hold, a loop of four soft chords (C, Am, F, G; sine pads with a plucked',
    '  arpeggio) made with `sox -n … synth`.',
    '- Synthetic voices are placeholders: replace the files with studio recordings of the same',
    '  names and format for production.',
    '',
    `${list.length} files, ${(bytes / 1024).toFixed(0)} KiB in all.`,
    '',
    '## Files',
    '',
    section('Mandarin prompts', byLang('zh', 'prompt')),
    section('English prompts', byLang('en', 'prompt')),
    section('Mandarin "say" vocabulary', byLang('zh', 'say')),
    section('English "say" vocabulary', byLang('en', 'say')),
    section(
      'Music on hold',
      list.filter((r) => r.kind === 'moh'),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  for (const lang of ivrLanguages) rmSync(join(out, lang), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'kefu-prompts-'));
  const list: Recorded[] = [];
  try {
    for (const language of ivrLanguages) {
      const sentences = [
        ...texts(language, demoPromptTexts),
        ...texts(language, queueAnnouncementTexts),
        ...texts(language, surveyPromptTexts),
        ...texts(language, dialerPromptTexts),
      ];
      for (const [prompt, text] of sentences) {
        record(tmp, language, prompt, text, 0.15);
        list.push({ file: `${prompt}.wav`, text, kind: 'prompt' });
      }
      for (const word of sayVocabulary(language)) {
        record(tmp, language, word.prompt, word.text, 0);
        list.push({ file: `${word.prompt}.wav`, text: word.text, kind: 'say' });
      }
    }
    musicOnHold(tmp);
    list.push({ file: 'moh.wav', text: 'music on hold (C – Am – F – G)', kind: 'moh' });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const bytes = sizeOf(out);
  // Formatted as `npm run lint` (prettier --check) expects it.
  const readmeFile = join(out, 'README.md');
  const options = (await prettier.resolveConfig(readmeFile)) ?? {};
  writeFileSync(
    readmeFile,
    await prettier.format(readme(list, bytes), { ...options, filepath: readmeFile }),
  );
  console.log(`${list.length} prompts, ${(bytes / 1024).toFixed(0)} KiB in ${out}`);
}

await main();
