/**
 * The remote-command channel protocol over WebSocket (`v4.channel.k8s.io`, `v5.channel.k8s.io`),
 * as apimachinery's `util/remotecommand` and client-go's `tools/remotecommand/websocket.go`
 * define it: every message is binary, its first byte the stream id and the rest that stream's
 * bytes. v5 adds one control message, `[255, id]`: the sender has closed stream `id` (kubectl
 * sends it when its stdin reaches EOF).
 */

export const STREAM_STDIN = 0;
export const STREAM_STDOUT = 1;
export const STREAM_STDERR = 2;
/** Carries one JSON `Status` when the process ends: Success, or Failure with the exit code. */
export const STREAM_ERROR = 3;
/** `{"Width":80,"Height":24}` from a terminal. */
export const STREAM_RESIZE = 4;
/** v5's close signal. */
export const STREAM_CLOSE = 255;

export const PROTOCOL_V5 = 'v5.channel.k8s.io';
export const PROTOCOL_V4 = 'v4.channel.k8s.io';
/** In the server's order of preference. */
export const SUPPORTED_PROTOCOLS = [PROTOCOL_V5, PROTOCOL_V4];

export type Frame =
  | { kind: 'data'; stream: number; data: Uint8Array }
  | { kind: 'close'; stream: number }
  | { kind: 'invalid'; reason: string };

export function encodeFrame(stream: number, data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = stream;
  out.set(bytes, 1);
  return out;
}

export function encodeClose(stream: number): Uint8Array {
  return Uint8Array.of(STREAM_CLOSE, stream);
}

export function decodeFrame(message: Uint8Array, protocol: string): Frame {
  if (message.length === 0) return { kind: 'invalid', reason: 'empty message' };
  const id = message[0];
  if (id === STREAM_CLOSE) {
    if (protocol !== PROTOCOL_V5) return { kind: 'invalid', reason: 'close signal before v5' };
    if (message.length !== 2) return { kind: 'invalid', reason: 'close signal needs one stream id' };
    return { kind: 'close', stream: message[1] };
  }
  return { kind: 'data', stream: id, data: message.subarray(1) };
}

/** The first protocol of ours the client offered (the `Sec-WebSocket-Protocol` header lists its choices). */
export function negotiate(offered: Iterable<string>): string | undefined {
  const set = new Set([...offered].map((p) => p.trim()));
  return SUPPORTED_PROTOCOLS.find((p) => set.has(p));
}
