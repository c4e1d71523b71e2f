/**
 * The part of utif@3.1.0 (which ships no types) that this project uses: the fax tests read TIFFs
 * back with it as a decoder independent of ours. Production code does not call it; see
 * tiff-directory.ts and ccitt-decoder.ts for why. Tag values sit on an IFD as `t<tag>` arrays;
 * decodeImage adds width, height and the raw rows.
 */
declare module 'utif' {
  export interface Ifd {
    [tag: `t${number}`]: unknown;
    width?: number;
    height?: number;
    /** Decoded rows, each padded to whole bytes, in the file's own bit sense (see t262). */
    data?: Uint8Array;
  }

  const UTIF: {
    decode(buffer: ArrayBuffer | Uint8Array): Ifd[];
    decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: Ifd, ifds?: Ifd[]): void;
  };
  export default UTIF;
}
