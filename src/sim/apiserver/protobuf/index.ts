import type { KubeObject } from '../../api/object';
import { decodeMessage } from './decode';
import { messageFor } from './kinds';
import { readFields, WireError } from './wire';

/**
 * `application/vnd.kubernetes.protobuf` request bodies: the 4-byte `k8s\0` magic, then a
 * runtime.Unknown {typeMeta{apiVersion = 1, kind = 2} = 1, raw = 2, contentEncoding = 3,
 * contentType = 4} whose raw bytes are the object's own message. kubectl's typed clients
 * (`create namespace`, `create deployment`, …) send these; the apiserver handles JSON, so the
 * object is decoded into exactly the JSON a JSON-speaking client would have sent.
 */
export type DecodeResult = { ok: true; object: KubeObject } | { ok: false; message: string };

const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const utf8 = new TextDecoder('utf-8');

export function decodeProtobufBody(bytes: Uint8Array): DecodeResult {
  // Upstream's protobuf serializer answers these texts (runtime/serializer/protobuf).
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b))
    return {
      ok: false,
      message: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    };
  try {
    const unknown = readFields(bytes.subarray(MAGIC.length));
    const typeMeta = readFields(bytesOf(unknown, 1));
    const apiVersion = stringOf(typeMeta, 1);
    const kind = stringOf(typeMeta, 2);
    const encoding = stringOf(unknown, 3);
    if (encoding !== '')
      return { ok: false, message: `unsupported content encoding ${JSON.stringify(encoding)}` };
    const spec = messageFor(apiVersion, kind);
    if (!spec) {
      return {
        ok: false,
        message: `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/runtime/scheme.go:100"`,
      };
    }
    // TypeMeta comes first, kind before apiVersion, as Go's struct order puts them.
    const object: KubeObject = { kind, apiVersion, ...decodeMessage(spec, bytesOf(unknown, 2)) };
    return { ok: true, object };
  } catch (e) {
    if (e instanceof WireError) return { ok: false, message: `proto: ${e.message}` };
    throw e;
  }
}

function bytesOf(fields: ReturnType<typeof readFields>, no: number): Uint8Array {
  const v = fields.get(no)?.at(-1);
  if (v === undefined) return new Uint8Array();
  if (v.wire !== 2) throw new WireError(`wrong wireType = ${v.wire} for field ${no}`);
  return v.bytes;
}

function stringOf(fields: ReturnType<typeof readFields>, no: number): string {
  return utf8.decode(bytesOf(fields, no));
}
