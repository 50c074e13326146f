import type { SeededRandom } from '../engine/random';
import { cidrContains, intToIp, ipToInt, parseCidr, type Cidr } from './ipv4';

export type AllocateResult = { ok: true; ip: string } | { ok: false; message: string };

/**
 * ClusterIP allocation as pkg/registry/core/service/ipallocator: a random free address in the
 * service CIDR, preferring the upper band, so the lower band (1/16 of the range, 16 to 256
 * addresses) stays free for addresses people choose, such as 10.96.0.10 for cluster DNS.
 */
export class ServiceIPAllocator {
  readonly cidr: Cidr;
  private used = new Set<number>();
  private readonly first: number;
  private readonly count: number;
  private readonly staticBand: number;

  constructor(
    cidrText: string,
    private readonly random: SeededRandom,
  ) {
    this.cidr = parseCidr(cidrText);
    this.first = this.cidr.base + 1; // network address excluded
    this.count = this.cidr.size - 2; // and broadcast
    this.staticBand = Math.min(Math.max(16, Math.floor(this.count / 16)), 256);
  }

  allocate(requested?: string): AllocateResult {
    if (requested) {
      const n = ipToInt(requested);
      if (
        n === undefined ||
        !cidrContains(this.cidr, requested) ||
        n < this.first ||
        n >= this.first + this.count
      )
        return {
          ok: false,
          message: `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`,
        };
      if (this.used.has(n))
        return { ok: false, message: `failed to allocate IP ${requested}: provided IP is already allocated` };
      this.used.add(n);
      return { ok: true, ip: requested };
    }
    const pick = (from: number, size: number): number | undefined => {
      const start = this.random.int(size);
      for (let i = 0; i < size; i++) {
        const n = this.first + from + ((start + i) % size);
        if (!this.used.has(n)) return n;
      }
      return undefined;
    };
    const n = pick(this.staticBand, this.count - this.staticBand) ?? pick(0, this.staticBand);
    if (n === undefined) return { ok: false, message: 'range is full' };
    this.used.add(n);
    return { ok: true, ip: intToIp(n) };
  }

  /** Marks an address as taken (rebuilding state from stored Services). */
  claim(ip: string): void {
    const n = ipToInt(ip);
    if (n !== undefined) this.used.add(n);
  }

  release(ip: string): void {
    const n = ipToInt(ip);
    if (n !== undefined) this.used.delete(n);
  }
}
