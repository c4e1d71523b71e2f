/**
 * The part of utif@3.1.0 (no bundled types) that the fax channel and its tests use. Tag values
 * live on an IFD as `t<tag number>` arrays; decodeImage adds width, height and the raw rows.
 * The underscore members are utif internals that fax-pages.ts sets or guards around for one
 * synchronous decode; the package is pinned to an exact version for that reason.
 */
declare module 'utif' {
  export interface Ifd {
    [tag: `t${number}`]: unknown;
    width?: number;
    height?: number;
    /** Decoded rows, each padded to whole bytes, in the file's own bit sense (see t262). */
    data?: Uint8Array;
  }

  interface Decode {
    (buffer: ArrayBuffer | Uint8Array): Ifd[];
    /** null: guess from the first line whether Group 3 lines carry a 1-D/2-D tag bit. */
    _decodeG3: { allow2D: boolean | null };
    /** Appends `n` copies of `value` to a CCITT decoder's current line. */
    _addNtimes: (line: number[], n: number, value: number) => void;
  }

  const UTIF: {
    decode: Decode;
    decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: Ifd, ifds?: Ifd[]): void;
  };
  export default UTIF;
}
