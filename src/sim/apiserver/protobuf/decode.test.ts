import { describe, expect, it } from 'vitest';
import { CAPTURED } from './captured';
import { decodeMessage } from './decode';
import { decodeProtobufBody } from './index';
import { ConfigMap, Container, Secret, ServicePort } from './core';
import { DeleteOptions, ObjectMeta } from './meta';

function fromBase64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

/** A tiny protobuf writer, enough to build bodies kubectl's generators never produce. */
const enc = {
  varint(n: number): number[] {
    const out: number[] = [];
    let v = BigInt.asUintN(64, BigInt(n));
    do {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v > 0n ? b | 0x80 : b);
    } while (v > 0n);
    return out;
  },
  int(field: number, n: number): number[] {
    return [...enc.varint(field * 8), ...enc.varint(n)];
  },
  bytes(field: number, b: number[] | Uint8Array): number[] {
    return [...enc.varint(field * 8 + 2), ...enc.varint(b.length), ...b];
  },
  str(field: number, s: string): number[] {
    return enc.bytes(field, [...new TextEncoder().encode(s)]);
  },
};

function envelope(apiVersion: string, kind: string, raw: number[]): Uint8Array {
  const typeMeta = [...enc.str(1, apiVersion), ...enc.str(2, kind)];
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...enc.bytes(1, typeMeta), ...enc.bytes(2, raw)]);
}

describe('decodeProtobufBody: bodies captured from kubectl v1.32', () => {
  for (const c of CAPTURED) {
    it(c.command, () => {
      const r = decodeProtobufBody(fromBase64(c.base64));
      if (!r.ok) throw new Error(r.message);
      // Key order too: KubeSim stores what it decodes, and `-o json` shows the order.
      expect(JSON.stringify(r.object)).toBe(JSON.stringify(c.json));
    });
  }
});

describe('decodeProtobufBody: refusals', () => {
  it('refuses a body without the k8s magic', () => {
    const r = decodeProtobufBody(new TextEncoder().encode('{"kind":"Pod"}'));
    expect(r).toEqual({
      ok: false,
      message: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    });
  });

  it('refuses a kind it has no message for', () => {
    const r = decodeProtobufBody(envelope('batch/v1', 'Job', []));
    expect(r).toEqual({
      ok: false,
      message: 'no kind "Job" is registered for version "batch/v1" in scheme "pkg/runtime/scheme.go:100"',
    });
  });

  it('refuses a truncated body', () => {
    const good = fromBase64(CAPTURED[0].base64);
    const r = decodeProtobufBody(good.subarray(0, good.length - 12));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^proto: /);
  });
});

describe('decodeMessage: Go JSON semantics', () => {
  it('skips fields it does not know', () => {
    const raw = Uint8Array.from([
      ...enc.str(1, 'n'),
      ...enc.int(99, 7),
      ...enc.str(98, 'x'),
      ...enc.str(3, 'ns'),
    ]);
    expect(decodeMessage(ObjectMeta, raw)).toEqual({ name: 'n', namespace: 'ns', creationTimestamp: null });
  });

  it('writes a set time as RFC 3339 and keeps pointer fields that were set to zero', () => {
    const time = [...enc.int(1, 1_700_000_000), ...enc.int(2, 5)];
    const raw = Uint8Array.from([...enc.bytes(8, time), ...enc.bytes(9, time), ...enc.int(10, 0)]);
    expect(decodeMessage(ObjectMeta, raw)).toEqual({
      creationTimestamp: '2023-11-14T22:13:20Z',
      deletionTimestamp: '2023-11-14T22:13:20Z',
      deletionGracePeriodSeconds: 0,
    });
  });

  it('decodes negative int64 and string IntOrString', () => {
    const target = [...enc.int(1, 1), ...enc.str(3, 'http')];
    const port = Uint8Array.from([...enc.int(3, 80), ...enc.bytes(4, target)]);
    expect(decodeMessage(ServicePort, port)).toEqual({ port: 80, targetPort: 'http' });
    const opts = Uint8Array.from([...enc.int(1, -1)]);
    expect(decodeMessage(DeleteOptions, opts)).toEqual({ gracePeriodSeconds: -1 });
  });

  it('writes bytes as base64', () => {
    const entry = [...enc.str(1, 'k'), ...enc.bytes(2, [0xff, 0x00, 0x61])];
    expect(decodeMessage(Secret, Uint8Array.from(enc.bytes(2, entry)))).toEqual({
      metadata: { creationTimestamp: null },
      data: { k: '/wBh' },
    });
  });

  it('keeps a map key named __proto__ as a plain key', () => {
    const entry = [...enc.str(1, '__proto__'), ...enc.str(2, 'v')];
    const raw = Uint8Array.from(enc.bytes(2, entry));
    const cm = decodeMessage(ConfigMap, raw);
    expect(JSON.stringify(cm)).toBe('{"metadata":{"creationTimestamp":null},"data":{"__proto__":"v"}}');
  });

  it('inlines embedded structs and fills resources, probes and env sources', () => {
    const quantity = (s: string) => enc.str(1, s);
    const limits = [...enc.str(1, 'cpu'), ...enc.bytes(2, quantity('500m'))];
    const resources = enc.bytes(1, limits);
    const httpGet = [...enc.str(1, '/healthz'), ...enc.bytes(2, enc.int(2, 8080))];
    const probe = [...enc.bytes(1, enc.bytes(2, httpGet)), ...enc.int(4, 10)];
    const keyRef = [...enc.bytes(1, enc.str(1, 'cfg')), ...enc.str(2, 'k')];
    const env = [...enc.str(1, 'A'), ...enc.bytes(3, enc.bytes(3, keyRef))];
    const raw = Uint8Array.from([
      ...enc.str(1, 'app'),
      ...enc.bytes(7, env),
      ...enc.bytes(8, resources),
      ...enc.bytes(10, probe),
    ]);
    expect(JSON.stringify(decodeMessage(Container, raw))).toBe(
      JSON.stringify({
        name: 'app',
        env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }],
        resources: { limits: { cpu: '500m' } },
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
      }),
    );
  });
});
