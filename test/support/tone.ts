/** How much of a stretch of audio's energy sits at one frequency (Goertzel), 0…1. */
export function toneShare(x: ArrayLike<number>, rate: number, hz: number): number {
  const n = x.length;
  if (n === 0) return 0;
  const k = Math.round((n * hz) / rate);
  const w = (2 * Math.PI * k) / n;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const s0 = v + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += v * v;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  // A pure tone over the whole stretch gives power ≈ energy · n / 2.
  return energy === 0 ? 0 : Math.min(1, (2 * power) / (n * energy));
}

export const rmsOf = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / Math.max(1, x.length));
};
