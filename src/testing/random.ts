// Seeded randomness: retry jitter, States.MathRandom, States.UUID and $uuid repeat from run to run with the same seed.
/** A version-4 UUID drawn from the run's seeded random, so that a seeded run is repeatable. */
export function uuidFrom(random: () => number): string {
  const bytes = Buffer.alloc(16);
  for (let at = 0; at < 16; at += 1) bytes[at] = Math.floor(random() * 256);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** mulberry32: small, fast and good enough for jitter, MathRandom and UUIDs in tests. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
