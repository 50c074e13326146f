import type { SeededRandom } from '../engine/random';

export type PortResult = { ok: true; port: number } | { ok: false; message: string };

/** NodePorts from 30000–32767, random, with a static lower band like the ClusterIP allocator. */
export class NodePortAllocator {
  private used = new Set<number>();
  private readonly count: number;
  private readonly staticBand: number;

  constructor(
    private readonly random: SeededRandom,
    readonly base = 30000,
    size = 2768,
  ) {
    this.count = size;
    this.staticBand = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  }

  allocate(requested?: number): PortResult {
    if (requested !== undefined) {
      if (requested < this.base || requested >= this.base + this.count)
        return {
          ok: false,
          message: `provided port is not in the valid range. The range of valid ports is ${this.base}-${this.base + this.count - 1}`,
        };
      if (this.used.has(requested)) return { ok: false, message: 'provided port is already allocated' };
      this.used.add(requested);
      return { ok: true, port: requested };
    }
    const pick = (from: number, size: number): number | undefined => {
      const start = this.random.int(size);
      for (let i = 0; i < size; i++) {
        const p = this.base + from + ((start + i) % size);
        if (!this.used.has(p)) return p;
      }
      return undefined;
    };
    const p = pick(this.staticBand, this.count - this.staticBand) ?? pick(0, this.staticBand);
    return p === undefined
      ? { ok: false, message: 'range is full' }
      : (this.used.add(p), { ok: true, port: p });
  }

  claim(port: number): void {
    this.used.add(port);
  }

  release(port: number): void {
    this.used.delete(port);
  }
}
