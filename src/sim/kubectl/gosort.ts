/**
 * Go's sort.Sort (pdqsort, Go 1.19+), ported so that orders kubectl leaves to an unstable sort —
 * describe's Events, sorted by timestamp with many ties — come out exactly as kubectl prints them.
 * From src/sort/zsortinterface.go.
 */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const d = items;
  const L = (i: number, j: number) => less(d[i], d[j]);
  const S = (i: number, j: number) => {
    const t = d[i];
    d[i] = d[j];
    d[j] = t;
  };
  const n = d.length;
  if (n > 1) pdqsort(0, n, bitsLen(n));
  return d;

  function insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && L(j, j - 1); j--) S(j, j - 1);
  }
  function siftDown(lo: number, hi: number, first: number): void {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) break;
      if (child + 1 < hi && L(first + child, first + child + 1)) child++;
      if (!L(first + root, first + child)) return;
      S(first + root, first + child);
      root = child;
    }
  }
  function heapSort(a: number, b: number): void {
    const first = a;
    const hi = b - a;
    for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(i, hi, first);
    for (let i = hi - 1; i >= 0; i--) {
      S(first, first + i);
      siftDown(0, i, first);
    }
  }
  function pdqsort(a: number, b: number, limit: number): void {
    let wasBalanced = true;
    let wasPartitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= 12) {
        insertionSort(a, b);
        return;
      }
      if (limit === 0) {
        heapSort(a, b);
        return;
      }
      if (!wasBalanced) {
        breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = choosePivot(a, b);
      if (hint === 'decreasing') {
        reverseRange(a, b);
        pivot = b - 1 - (pivot - a);
        hint = 'increasing';
      }
      if (wasBalanced && wasPartitioned && hint === 'increasing' && partialInsertionSort(a, b)) return;
      if (a > 0 && !L(a - 1, pivot)) {
        a = partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, already] = partition(a, b, pivot);
      wasPartitioned = already;
      const leftLen = mid - a;
      const rightLen = b - mid;
      const threshold = Math.floor(length / 8);
      if (leftLen < rightLen) {
        wasBalanced = leftLen >= threshold;
        pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        wasBalanced = rightLen >= threshold;
        pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }
  function partition(a: number, b: number, pivot: number): [number, boolean] {
    S(a, pivot);
    let i = a + 1;
    let j = b - 1;
    while (i <= j && L(i, a)) i++;
    while (i <= j && !L(j, a)) j--;
    if (i > j) {
      S(j, a);
      return [j, true];
    }
    S(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && L(i, a)) i++;
      while (i <= j && !L(j, a)) j--;
      if (i > j) break;
      S(i, j);
      i++;
      j--;
    }
    S(j, a);
    return [j, false];
  }
  function partitionEqual(a: number, b: number, pivot: number): number {
    S(a, pivot);
    let i = a + 1;
    let j = b - 1;
    for (;;) {
      while (i <= j && !L(a, i)) i++;
      while (i <= j && L(a, j)) j--;
      if (i > j) break;
      S(i, j);
      i++;
      j--;
    }
    return i;
  }
  function partialInsertionSort(a: number, b: number): boolean {
    let i = a + 1;
    for (let step = 0; step < 5; step++) {
      while (i < b && !L(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < 50) return false;
      S(i, i - 1);
      if (i - a >= 2)
        for (let j = i - 1; j >= 1; j--) {
          if (!L(j, j - 1)) break;
          S(j, j - 1);
        }
      if (b - i >= 2)
        for (let j = i + 1; j < b; j++) {
          if (!L(j, j - 1)) break;
          S(j, j - 1);
        }
    }
    return false;
  }
  function breakPatterns(a: number, b: number): void {
    const length = b - a;
    if (length < 8) return;
    let r = BigInt(length);
    const mask = (1n << 64n) - 1n;
    const next = (): bigint => {
      r ^= (r << 13n) & mask;
      r ^= r >> 7n;
      r ^= (r << 17n) & mask;
      return r;
    };
    const modulus = BigInt(1 << bitsLen(length));
    for (let idx = a + Math.floor(length / 4) * 2 - 1; idx <= a + Math.floor(length / 4) * 2 + 1; idx++) {
      let other = Number(next() & (modulus - 1n));
      if (other >= length) other -= length;
      S(idx, a + other);
    }
  }
  function choosePivot(a: number, b: number): [number, 'increasing' | 'decreasing' | 'unknown'] {
    const l = b - a;
    const swaps = { n: 0 };
    let i = a + Math.floor(l / 4) * 1;
    let j = a + Math.floor(l / 4) * 2;
    let k = a + Math.floor(l / 4) * 3;
    if (l >= 8) {
      if (l >= 50) {
        i = median(i - 1, i, i + 1, swaps);
        j = median(j - 1, j, j + 1, swaps);
        k = median(k - 1, k, k + 1, swaps);
      }
      j = median(i, j, k, swaps);
    }
    if (swaps.n === 0) return [j, 'increasing'];
    if (swaps.n === 12) return [j, 'decreasing'];
    return [j, 'unknown'];
  }
  function order2(a: number, b: number, swaps: { n: number }): [number, number] {
    if (L(b, a)) {
      swaps.n++;
      return [b, a];
    }
    return [a, b];
  }
  function median(a: number, b: number, c: number, swaps: { n: number }): number {
    [a, b] = order2(a, b, swaps);
    [b, c] = order2(b, c, swaps);
    void c;
    return order2(a, b, swaps)[1];
  }
  function reverseRange(a: number, b: number): void {
    let i = a;
    let j = b - 1;
    while (i < j) {
      S(i, j);
      i++;
      j--;
    }
  }
}

/** bits.Len: the number of bits needed to represent n. */
function bitsLen(n: number): number {
  return n <= 0 ? 0 : Math.floor(Math.log2(n)) + 1;
}
