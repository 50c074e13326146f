/** IPv4 prefix arithmetic for the few `-s`/`-d` matches kube-proxy writes. */

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => (acc * 256 + Number(o)) >>> 0, 0);
}

/** Whether `ip` is inside `cidr` (a bare address counts as /32). */
export function cidrContains(cidr: string, ip: string): boolean {
  if (!ip) return false;
  const [base, lenText] = cidr.split('/');
  const len = lenText === undefined ? 32 : Number(lenText);
  if (len === 0) return true;
  const mask = len === 32 ? 0xffffffff : ~((1 << (32 - len)) - 1) >>> 0;
  return (ipToInt(base) & mask) >>> 0 === (ipToInt(ip) & mask) >>> 0;
}
