import { useEffect, useRef, useState } from 'react';

/** How long a deleted pod's chip stays to fade out (wall ms). */
export const LEAVE_MS = 350;

interface Tracked {
  keys: readonly string[];
  /** Keys that left the list and are still fading. */
  left: ReadonlySet<string>;
  /** The keys that left with the latest change (each such batch is dropped LEAVE_MS later). */
  fresh: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A list of pod keys that keeps, for {@link LEAVE_MS}, the keys that just left it: a deleted pod's
 * chip stays mounted long enough to fade out instead of vanishing. The departure is noticed in the
 * same render the list changes (state derived from props), so the chip never unmounts in between.
 */
export function useLeavingKeys(keys: readonly string[]): {
  all: readonly string[];
  leaving: ReadonlySet<string>;
} {
  const [tracked, setTracked] = useState<Tracked>({ keys, left: NONE, fresh: NONE });
  let current = tracked;
  if (tracked.keys !== keys) {
    const present = new Set(keys);
    const fresh = new Set(tracked.keys.filter((k) => !present.has(k)));
    const left = new Set([...tracked.left].filter((k) => !present.has(k)));
    for (const k of fresh) left.add(k);
    current = { keys, left: left.size ? left : NONE, fresh: fresh.size ? fresh : NONE };
    setTracked(current);
  }
  const { left, fresh } = current;
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  useEffect(() => {
    if (!fresh.size) return;
    // Not cleared when the next batch leaves: each batch fades for its own full time.
    const id = setTimeout(() => {
      timers.current.delete(id);
      setTracked((t) => {
        const kept = new Set([...t.left].filter((k) => !fresh.has(k)));
        return { ...t, left: kept.size ? kept : NONE };
      });
    }, LEAVE_MS);
    timers.current.add(id);
  }, [fresh]);
  if (!left.size) return { all: keys, leaving: NONE };
  return { all: [...keys, ...left].sort(), leaving: left };
}
