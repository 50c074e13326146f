/**
 * The protobuf wire format, reading side only: the apiserver never answers in protobuf (kubectl
 * accepts JSON back), so decoding request bodies is all KubeSim needs.
 */

export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** One field as it sits on the wire: a varint/fixed number, or the bytes of a length-delimited field. */
export type WireValue = { wire: 0 | 1 | 5; num: number } | { wire: 2; bytes: Uint8Array };

export class WireError extends Error {}

const TWO_32 = 0x1_0000_0000;

/** Walks the fields of one message in order; unknown wire types (groups) are refused, as Kubernetes never uses them. */
export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** The next field: its number and raw value. */
  next(): { field: number; value: WireValue } {
    const key = this.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new WireError('illegal tag 0');
    switch (wire) {
      case WireType.varint:
        return { field, value: { wire, num: this.varint() } };
      case WireType.fixed64:
        return { field, value: { wire, num: this.fixed(8) } };
      case WireType.fixed32:
        return { field, value: { wire, num: this.fixed(4) } };
      case WireType.bytes: {
        const len = this.varint();
        if (len < 0 || this.pos + len > this.buf.length) throw new WireError('unexpected EOF');
        const bytes = this.buf.subarray(this.pos, this.pos + len);
        this.pos += len;
        return { field, value: { wire, bytes } };
      }
      default:
        throw new WireError(`illegal wireType ${wire} for field ${field}`);
    }
  }

  /**
   * A varint as a JS number. int32/int64 negatives arrive as 10-byte two's complement; they are
   * folded back to a negative number. Values beyond 2^53 lose precision, which no field
   * kubectl sends comes near.
   */
  varint(): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new WireError('unexpected EOF');
      const b = this.buf[this.pos++];
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if ((b & 0x80) === 0) return combine(lo, hi);
    }
    throw new WireError('integer overflow');
  }

  private fixed(n: 4 | 8): number {
    if (this.pos + n > this.buf.length) throw new WireError('unexpected EOF');
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return n === 4 ? view.getUint32(0, true) : combine(view.getUint32(0, true), view.getUint32(4, true));
  }
}

function combine(lo: number, hi: number): number {
  const l = lo >>> 0;
  const h = hi >>> 0;
  if (h & 0x8000_0000) return -((~h >>> 0) * TWO_32 + (~l >>> 0) + 1);
  return h * TWO_32 + l;
}

/** Reads every field of a message into lists by field number, keeping wire order within each. */
export function readFields(buf: Uint8Array): Map<number, WireValue[]> {
  const out = new Map<number, WireValue[]>();
  const r = new WireReader(buf);
  while (!r.done()) {
    const { field, value } = r.next();
    const list = out.get(field);
    if (list) list.push(value);
    else out.set(field, [value]);
  }
  return out;
}
