/**
 * resource.Quantity from apimachinery: "500m", "0.5", "128Mi", "1Gi", "2e3". Values are kept as
 * milli-units (integers) so CPU and memory arithmetic is exact, as upstream's int64 math is.
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY_RE = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** Upstream's error text for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** Milli-units of a quantity (rounded up, as Quantity.MilliValue does), or undefined if malformed. */
export function parseMilli(text: string | number): number | undefined {
  const s = String(text).trim();
  const m = QUANTITY_RE.exec(s);
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) return undefined;
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  let mult: number;
  if (suffix in BINARY) mult = BINARY[suffix];
  else if (suffix in DECIMAL) mult = DECIMAL[suffix];
  else mult = 10 ** Number(suffix.slice(1));
  return Math.ceil(num * mult * 1000 - 1e-6);
}

/** Whole units (bytes for memory), rounded up like Quantity.Value. */
export function parseValue(text: string | number): number | undefined {
  const milli = parseMilli(text);
  return milli === undefined ? undefined : Math.ceil(milli / 1000);
}

export function isQuantity(text: unknown): boolean {
  return (typeof text === 'string' || typeof text === 'number') && parseMilli(text) !== undefined;
}

/** Canonical CPU text as kubectl shows it: `250m`, `2`. */
export function formatCpuMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Canonical memory text: the largest binary suffix that divides evenly (`128Mi`, `1Gi`), else bytes. */
export function formatBytes(bytes: number): string {
  for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    if (bytes !== 0 && bytes % BINARY[s] === 0) return `${bytes / BINARY[s]}${s}`;
  }
  return String(bytes);
}
