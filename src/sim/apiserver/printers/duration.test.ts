import { describe, expect, it } from 'vitest';
import { formatRFC3339, humanDuration, translateTimestampSince } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * S, '1s'],
    [59 * S, '59s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 1 * S, '2m1s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 1 * M, '3h1m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [2 * D + 1 * H, '2d1h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [729 * D + 23 * H, '729d'],
    [730 * D, '2y'],
    [731 * D, '2y1d'],
    [8 * 365 * D - 1 * H, '7y364d'],
    [8 * 365 * D, '8y'],
    [9 * 365 * D + 100 * D, '9y'],
  ])('%d ms -> %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  it('prints <unknown> for a missing or zero time', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
  it('is the age relative to the virtual clock', () => {
    expect(translateTimestampSince('2025-01-01T11:59:18Z', now)).toBe('42s');
    expect(translateTimestampSince('2025-01-01T11:55:00Z', now)).toBe('5m');
    expect(translateTimestampSince('2024-12-30T12:00:00Z', now)).toBe('2d');
  });
  it('reads MicroTime fractions', () => {
    expect(translateTimestampSince('2025-01-01T11:59:50.123456Z', now)).toBe('9s');
  });
});

describe('formatRFC3339', () => {
  it('drops fractions and keeps UTC', () => {
    expect(formatRFC3339('2025-01-01T12:00:00.500Z')).toBe('2025-01-01T12:00:00Z');
    expect(formatRFC3339(undefined)).toBe('0001-01-01T00:00:00Z');
  });
});
