/**
 * kubectl logs some messages through klog rather than CheckErr (`W1122 17:42:45.596091   12007
 * helpers.go:702] …`): the same header here, with the process id of the only process there is.
 */
export function klogLine(severity: 'I' | 'W' | 'E', where: string, message: string, nowMs: number): string {
  const d = new Date(nowMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = p(d.getUTCMilliseconds() * 1000, 6);
  return `${severity}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${micros}${String(1).padStart(8)} ${where}] ${message}\n`;
}

/** cobra's required-flag failure as kubectl's main logs it. */
export function requiredFlagMessage(flag: string, nowMs: number): string {
  return klogLine(
    'E',
    'run.go:72',
    `"command failed" err="required flag(s) \\"${flag}\\" not set"`,
    nowMs,
  ).trimEnd();
}
