import { parseMilli } from '../quantity';

/**
 * Quantity.String(): the canonical text upstream prints in resource errors ("1000m" → "1",
 * "2048Mi" → "2Gi", "1000" → "1k"). Works at milli precision, which is what quantity.ts keeps.
 */
export function formatQuantity(text: string | number): string {
  const s = String(text).trim();
  const milli = parseMilli(s);
  if (milli === undefined) return s;
  const binary = /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(s);
  const exponent = /[eE][+-]?\d+$/.test(s);
  if (binary && milli % 1000 === 0 && Math.abs(milli / 1000) >= 1024) {
    let bytes = milli / 1000;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    let i = 0;
    while (i < suffixes.length - 1 && bytes % 1024 === 0) {
      bytes /= 1024;
      i++;
    }
    return `${bytes}${suffixes[i]}`;
  }
  if (milli % 1000 !== 0) return exponent ? `${milli}e-3` : `${milli}m`;
  let units = milli / 1000;
  if (units === 0) return '0';
  let exp = 0;
  while (exp < 18 && units % 1000 === 0) {
    units /= 1000;
    exp += 3;
  }
  if (exponent) return exp === 0 ? `${units}` : `${units}e${exp}`;
  return `${units}${['', 'k', 'M', 'G', 'T', 'P', 'E'][exp / 3]}`;
}
