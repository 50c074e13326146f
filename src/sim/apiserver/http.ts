/**
 * The apiserver's one door: (method, path, query, headers, body) → (status, headers, body). The
 * Web Worker, the Node server and tests all call it, so every client sees the same API.
 */
export interface HttpRequest {
  method: string;
  /** Path without the query, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string;
  /** The raw bytes of a binary body (protobuf); `body` is then absent, as the bytes are not text. */
  bodyBytes?: Uint8Array;
}

/** A long-running response (watch, `logs -f`): lines are pushed until either side closes. */
export interface ResponseStream {
  /** Receives each chunk (a JSON line for watches) as it happens; returns an unsubscribe. */
  subscribe(onChunk: (chunk: string) => void, onEnd: () => void): void;
  close(): void;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set for streaming responses; `body` then holds what was ready at once (may be empty). */
  stream?: ResponseStream;
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}
