import { describe, expect, it } from 'vitest';
import { formatRelative } from './systemd';

describe('systemd relative timestamps', () => {
  it('formats as format_timestamp_relative does', () => {
    expect(formatRelative(0)).toBe('now');
    expect(formatRelative(450)).toBe('450ms ago');
    expect(formatRelative(30_000)).toBe('30s ago');
    expect(formatRelative(90_000)).toBe('1min 30s ago');
    expect(formatRelative(7 * 60_000)).toBe('7min ago');
    expect(formatRelative(3_900_000)).toBe('1h 5min ago');
    expect(formatRelative(7 * 3_600_000)).toBe('7h ago');
    expect(formatRelative(26 * 3_600_000)).toBe('1 day 2h ago');
    expect(formatRelative(3 * 86_400_000)).toBe('3 days ago');
  });
});
