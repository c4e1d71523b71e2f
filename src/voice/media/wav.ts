/**
 * RIFF WAVE files for prompts and recordings: 16-bit linear PCM (WAVE_FORMAT_PCM = 1) and the
 * G.711 formats (WAVE_FORMAT_ALAW = 6, WAVE_FORMAT_MULAW = 7) of the Microsoft RIFF/WAVE
 * specification ("Multimedia Programming Interface and Data Specifications 1.0", 1991, and the
 * 1994 "New Multimedia Data Types and Data Techniques" update). WAVE_FORMAT_EXTENSIBLE (0xFFFE)
 * is read when its sub-format is one of those three.
 *
 * Reading is tolerant: chunks other than `fmt ` and `data` (LIST, fact, cue, bext …) are skipped,
 * odd-sized chunks honour the RIFF pad byte, and a `data` size larger than the file (a recorder
 * that never patched its header) is clamped. Samples come back as one Int16Array per channel,
 * G.711 already decoded (ITU-T G.711) to linear PCM.
 */
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from './g711.ts';

/** How the samples of a WAVE file are coded. */
export type WavFormat = 'pcm16' | 'mulaw' | 'alaw';

export interface WavAudio {
  sampleRate: number;
  /** Number of channels (1 mono, 2 stereo …). */
  channels: number;
  /** The coding found in the file; samples are linear PCM whatever it was. */
  format: WavFormat;
  /** One array of 16-bit linear samples per channel, all the same length. */
  samples: Int16Array[];
}

export interface WavInput {
  sampleRate: number;
  /** One array of 16-bit linear samples per channel; all must have the same length. */
  channels: Int16Array[];
  /** Coding to write; 16-bit PCM unless told otherwise. */
  format?: WavFormat;
}

/** A file that is not a WAVE file kefu can read, or a WAVE it cannot write. */
export class WavError extends Error {
  override readonly name = 'WavError';
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

const formatTags: Readonly<Record<WavFormat, number>> = {
  pcm16: WAVE_FORMAT_PCM,
  alaw: WAVE_FORMAT_ALAW,
  mulaw: WAVE_FORMAT_MULAW,
};

interface FmtChunk {
  tag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function readFmt(view: DataView, offset: number, size: number): FmtChunk {
  if (size < 16) throw new WavError(`fmt chunk is ${size} bytes; at least 16 expected`);
  let tag = view.getUint16(offset, true);
  // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID at 24.
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new WavError('WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes');
    tag = view.getUint16(offset + 24, true);
  }
  return {
    tag,
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    blockAlign: view.getUint16(offset + 12, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
}

function formatOf(fmt: FmtChunk): WavFormat {
  const { tag, bitsPerSample } = fmt;
  if (tag === WAVE_FORMAT_PCM) {
    if (bitsPerSample !== 16)
      throw new WavError(`unsupported PCM sample size ${bitsPerSample} bits; only 16-bit PCM`);
    return 'pcm16';
  }
  if (tag === WAVE_FORMAT_MULAW || tag === WAVE_FORMAT_ALAW) {
    if (bitsPerSample !== 8)
      throw new WavError(`G.711 WAVE must have 8 bits per sample, found ${bitsPerSample}`);
    return tag === WAVE_FORMAT_MULAW ? 'mulaw' : 'alaw';
  }
  throw new WavError(
    `unsupported WAVE format tag 0x${tag.toString(16).padStart(4, '0')}; ` +
      'only PCM (1), A-law (6) and μ-law (7) are read',
  );
}

/** Reads a RIFF WAVE file. Throws WavError for anything that is not 16-bit PCM or G.711. */
export function readWav(buf: Uint8Array): WavAudio {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12 || fourcc(view, 0) !== 'RIFF' || fourcc(view, 8) !== 'WAVE')
    throw new WavError('not a RIFF WAVE file (missing RIFF/WAVE header)');

  let fmt: FmtChunk | null = null;
  let data: Uint8Array | null = null;
  let offset = 12;
  while (offset + 8 <= buf.byteLength && data === null) {
    const id = fourcc(view, offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const size = Math.min(declared, buf.byteLength - body);
    if (id === 'fmt ') fmt = readFmt(view, body, size);
    else if (id === 'data') {
      if (fmt === null) throw new WavError('data chunk before fmt chunk');
      data = buf.subarray(body, body + size);
    }
    offset = body + declared + (declared & 1); // RIFF chunks are padded to even length
  }
  if (fmt === null) throw new WavError('no fmt chunk');
  if (data === null) throw new WavError('no data chunk');

  const format = formatOf(fmt);
  const { channels, sampleRate } = fmt;
  if (channels < 1) throw new WavError('WAVE declares 0 channels');
  if (sampleRate < 1) throw new WavError('WAVE declares a sample rate of 0');
  const bytesPerSample = format === 'pcm16' ? 2 : 1;
  if (fmt.blockAlign !== 0 && fmt.blockAlign !== channels * bytesPerSample)
    throw new WavError(`block align ${fmt.blockAlign} does not match ${channels} channel(s)`);

  const frames = Math.floor(data.byteLength / (channels * bytesPerSample));
  let interleaved: Int16Array;
  if (format === 'pcm16') {
    interleaved = new Int16Array(frames * channels);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i < interleaved.length; i++) interleaved[i] = dv.getInt16(i * 2, true);
  } else {
    const codes = data.subarray(0, frames * channels);
    interleaved = format === 'mulaw' ? decodeMulaw(codes) : decodeAlaw(codes);
  }
  return { sampleRate, channels, format, samples: deinterleave(interleaved, channels) };
}

/** Splits interleaved samples (L R L R …) into one array per channel. */
export function deinterleave(interleaved: Int16Array, channels: number): Int16Array[] {
  const frames = Math.floor(interleaved.length / channels);
  const out: Int16Array[] = [];
  for (let c = 0; c < channels; c++) {
    const ch = new Int16Array(frames);
    for (let i = 0; i < frames; i++) ch[i] = interleaved[i * channels + c]!;
    out.push(ch);
  }
  return out;
}

/** Joins one array per channel into interleaved samples; all must have the same length. */
export function interleave(channels: readonly Int16Array[]): Int16Array {
  const n = channels.length;
  const frames = channels[0]?.length ?? 0;
  const out = new Int16Array(frames * n);
  channels.forEach((ch, c) => {
    for (let i = 0; i < frames; i++) out[i * n + c] = ch[i]!;
  });
  return out;
}

/**
 * Writes a RIFF WAVE file, interleaving the channels. 16-bit PCM by default; `mulaw`/`alaw`
 * encode with G.711 and add the `fact` chunk that non-PCM WAVE files carry.
 */
export function writeWav(input: WavInput): Buffer {
  const { sampleRate, channels } = input;
  const format = input.format ?? 'pcm16';
  if (channels.length < 1) throw new WavError('a WAVE file needs at least one channel');
  if (channels.length > 0xffff) throw new WavError('too many channels');
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 0xffffffff)
    throw new WavError(`invalid sample rate ${sampleRate}`);
  const frames = channels[0]?.length ?? 0;
  if (channels.some((ch) => ch.length !== frames))
    throw new WavError('all channels must have the same number of samples');

  const samples = interleave(channels);
  const bytesPerSample = format === 'pcm16' ? 2 : 1;
  const blockAlign = channels.length * bytesPerSample;
  const dataSize = samples.length * bytesPerSample;
  const fmtSize = format === 'pcm16' ? 16 : 18; // non-PCM formats carry cbSize = 0
  const factSize = format === 'pcm16' ? 0 : 12;
  const dataPad = dataSize & 1;
  const total = 12 + 8 + fmtSize + factSize + 8 + dataSize + dataPad;

  const out = Buffer.alloc(total);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(total - 8, 4);
  out.write('WAVE', 8, 'latin1');
  let o = 12;
  out.write('fmt ', o, 'latin1');
  out.writeUInt32LE(fmtSize, o + 4);
  out.writeUInt16LE(formatTags[format], o + 8);
  out.writeUInt16LE(channels.length, o + 10);
  out.writeUInt32LE(sampleRate, o + 12);
  out.writeUInt32LE(sampleRate * blockAlign, o + 16);
  out.writeUInt16LE(blockAlign, o + 20);
  out.writeUInt16LE(bytesPerSample * 8, o + 22);
  if (fmtSize === 18) out.writeUInt16LE(0, o + 24);
  o += 8 + fmtSize;
  if (factSize > 0) {
    out.write('fact', o, 'latin1');
    out.writeUInt32LE(4, o + 4);
    out.writeUInt32LE(frames, o + 8);
    o += factSize;
  }
  out.write('data', o, 'latin1');
  out.writeUInt32LE(dataSize, o + 4);
  o += 8;
  if (format === 'pcm16') {
    for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i]!, o + i * 2);
  } else {
    out.set(format === 'mulaw' ? encodeMulaw(samples) : encodeAlaw(samples), o);
  }
  return out;
}
