import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { HttpRequest, HttpResponse } from '../sim/apiserver/http';
import { ExecUpgrader } from './exec-websocket';

/** What the HTTP front needs of a cluster: its one request handler. */
export interface Handler {
  handle(req: HttpRequest): HttpResponse;
}

/** kube-apiserver's `--max-request-bytes` default for JSON and YAML bodies (3 MiB). */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

function status(code: number, reason: string, message: string, details?: object): HttpResponse {
  const s: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
  };
  if (details) s.details = details;
  s.code = code;
  return { status: code, headers: { 'content-type': 'application/json' }, body: JSON.stringify(s) };
}

/** The Status upstream sends when a handler panics (`errors.NewInternalError`). */
export function internalError(err: unknown): HttpResponse {
  const msg = err instanceof Error ? err.message : String(err);
  return status(500, 'InternalError', `Internal error occurred: ${msg}`, { causes: [{ message: msg }] });
}

export function entityTooLarge(): HttpResponse {
  return status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_REQUEST_BYTES}`);
}

function toRequest(req: IncomingMessage, raw: Buffer | undefined): HttpRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const r: HttpRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
  };
  if (raw !== undefined) {
    // A protobuf body is binary: decoding it as UTF-8 would mangle it, so it travels as bytes.
    if (/^application\/vnd\.kubernetes\.protobuf\b/.test(headers['content-type'] ?? ''))
      r.bodyBytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
    else r.body = raw.toString('utf8');
  }
  return r;
}

function send(res: ServerResponse, out: HttpResponse, head: boolean): void {
  const headers: Record<string, string> = { 'cache-control': 'no-cache, private', ...out.headers };
  if (!out.stream) {
    const buf = Buffer.from(out.body, 'utf8');
    res.writeHead(out.status, { ...headers, 'content-length': String(buf.length) });
    res.end(head ? undefined : buf);
    return;
  }
  // A watch or `logs -f`: chunked encoding, each chunk flushed as it is produced, until either end
  // goes away.
  const stream = out.stream;
  res.writeHead(out.status, { ...headers, 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  if (out.body) res.write(out.body);
  let closed = false;
  const finish = (): void => {
    if (closed) return;
    closed = true;
    try {
      stream.close();
    } catch {
      // The stream is gone either way; nothing more to tell the client.
    }
    res.end();
  };
  res.on('close', finish);
  try {
    stream.subscribe((chunk) => {
      if (!closed) res.write(chunk);
    }, finish);
  } catch (err) {
    res.write(JSON.stringify({ type: 'ERROR', object: JSON.parse(internalError(err).body) }) + '\n');
    finish();
  }
}

function serve(handler: Handler, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_REQUEST_BYTES) tooLarge = true;
  req.on('data', (c: Buffer) => {
    if (tooLarge) return;
    size += c.length;
    if (size > MAX_REQUEST_BYTES) {
      tooLarge = true;
      chunks.length = 0;
    } else chunks.push(c);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (tooLarge) return send(res, entityTooLarge(), false);
    const body = size > 0 ? Buffer.concat(chunks) : undefined;
    let out: HttpResponse;
    try {
      out = handler.handle(toRequest(req, body));
    } catch (err) {
      out = internalError(err);
    }
    try {
      send(res, out, req.method === 'HEAD');
    } catch (err) {
      if (!res.headersSent) send(res, internalError(err), false);
      else res.destroy();
    }
  });
}

export interface RunningServer {
  port: number;
  /** `https://127.0.0.1:<port>`: what kubectl uses (it sends tokens only over TLS). */
  url: string;
  /** `http://127.0.0.1:<port>`: the same port, plain HTTP, for curl and tools that pass headers. */
  plainUrl: string;
  /** PEM of the CA that signed the serving certificate, for the kubeconfig. */
  caPem: string;
  close(): Promise<void>;
}

const TLS_DIR = join(import.meta.dirname, 'tls');

/**
 * Serves `handler` on 127.0.0.1 only (port 0 picks a free port), speaking TLS and plain HTTP on
 * the same port: the first byte of a connection tells them apart (0x16 opens a TLS handshake).
 * kubectl needs TLS to send its token; plain HTTP keeps curl and the UI simple.
 */
export function listen(handler: Handler, port: number): Promise<RunningServer> {
  const onRequest = (req: IncomingMessage, res: ServerResponse) => serve(handler, req, res);
  const plain = createServer(onRequest);
  const caPem = readFileSync(join(TLS_DIR, 'ca.crt'), 'utf8');
  const tls = createTlsServer(
    { cert: readFileSync(join(TLS_DIR, 'server.crt')), key: readFileSync(join(TLS_DIR, 'server.key')) },
    onRequest,
  );
  const upgrader = new ExecUpgrader();
  for (const s of [plain, tls]) {
    // Watches stay open for as long as the client keeps them; no idle cut-off.
    s.requestTimeout = 0;
    s.keepAliveTimeout = 65_000;
    // `kubectl exec` upgrades its request to a WebSocket carrying the process's streams.
    s.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      let out: HttpResponse;
      try {
        out = handler.handle(toRequest(req, undefined));
      } catch (err) {
        out = internalError(err);
      }
      upgrader.upgrade(req, socket, head, out);
    });
  }
  const sockets = new Set<Socket>();
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? tls : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  return new Promise((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, '127.0.0.1', () => {
      tcp.off('error', reject);
      const actual = (tcp.address() as AddressInfo).port;
      resolve({
        port: actual,
        url: `https://127.0.0.1:${actual}`,
        plainUrl: `http://127.0.0.1:${actual}`,
        caPem,
        close: () =>
          new Promise<void>((done) => {
            upgrader.close();
            for (const s of sockets) s.destroy();
            plain.closeAllConnections();
            tls.closeAllConnections();
            tcp.close(() => done());
          }),
      });
    });
  });
}
