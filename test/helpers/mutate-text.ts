/**
 * Seeded mutation of real text samples for the parser fuzz tests: truncation, character flips
 * from an alphabet of syntax characters, cuts, repetition, huge or negative numbers, and splices
 * from other samples. Deterministic for a seed, so a failure can be replayed.
 */

/** A linear congruential generator: rnd(n) in [0, n). */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return n <= 0 ? 0 : s % n;
  };
}

export function mutateText(t: string, rnd: (n: number) => number, pool: string[], alphabet: string): string {
  const ops = 1 + rnd(4);
  for (let k = 0; k < ops; k++) {
    const at = rnd(t.length + 1);
    switch (rnd(6)) {
      case 0:
        t = t.slice(0, at);
        break;
      case 1:
        t = t.slice(0, at) + alphabet[rnd(alphabet.length)] + t.slice(at + 1);
        break;
      case 2:
        t = t.slice(0, at) + t.slice(rnd(t.length + 1));
        break;
      case 3:
        t = t.slice(0, at) + t.slice(at, at + rnd(200)).repeat(1 + rnd(8)) + t.slice(at);
        break;
      case 4:
        t = t.slice(0, at) + String(rnd(2) ? 2 ** 53 + rnd(9) : -rnd(99)) + t.slice(at);
        break;
      default:
        t = t.slice(0, at) + pool[rnd(pool.length)].slice(rnd(80), rnd(400)) + t.slice(at);
    }
  }
  return t;
}

/**
 * One mutation of one place (a truncation, a flip, one cut, one repetition, one number or one
 * splice): the mangled part is a single stretch of the text, so an oracle can tie a changed verdict
 * to it.
 */
export function mutateOnce(t: string, rnd: (n: number) => number, pool: string[], alphabet: string): string {
  let first = true;
  // mutateText draws the number of operations first: answer 0 (one operation), then the real stream.
  const once = (n: number) => {
    if (first) {
      first = false;
      return 0;
    }
    return rnd(n);
  };
  return mutateText(t, once, pool, alphabet);
}
