import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { exitStatus, isExecSession, type ExecOutcome, type ExecSession } from '../sim/apiserver/exec';
import type { HttpResponse } from '../sim/apiserver/http';
import {
  decodeFrame,
  encodeFrame,
  negotiate,
  STREAM_ERROR,
  STREAM_STDERR,
  STREAM_STDIN,
  STREAM_STDOUT,
} from './exec-channel';
import { TerminalSession } from './exec-tty';

/** An upgrade the apiserver refused (or one KubeSim cannot speak) goes back as a plain HTTP answer. */
function refuse(socket: Duplex, res: Pick<HttpResponse, 'status' | 'headers' | 'body'>): void {
  const body = Buffer.from(res.body, 'utf8');
  const headers = { 'content-type': 'text/plain; charset=utf-8', ...res.headers };
  const lines = [`HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'utf8'), body]));
}

/**
 * The streaming half of `pods/exec`: kubectl 1.32 asks for a WebSocket with `v5.channel.k8s.io`
 * and falls back to SPDY when that is refused. KubeSim speaks only the WebSocket protocol; a
 * SPDY attempt (which only follows a refused WebSocket) gets the refusal text back.
 */
export class ExecUpgrader {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => negotiate(offered) ?? false,
  });

  /** `out` is the apiserver's answer to the upgrade request. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, out: HttpResponse): void {
    const session = out.stream;
    if (!isExecSession(session)) return refuse(socket, out);
    const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',');
    if (!isWebSocket || !negotiate(offered))
      return refuse(socket, {
        status: 400,
        headers: {},
        body: 'KubeSim streams exec only over WebSocket (v5.channel.k8s.io or v4.channel.k8s.io); SPDY is not simulated',
      });
    this.wss.handleUpgrade(req, socket, head, (ws) => serveSession(ws, session));
  }

  close(): void {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** Sends what the process wrote, then its exit status on the error channel, then a normal close. */
export function finish(ws: WebSocket, outcome: ExecOutcome, session: ExecSession): void {
  const { stdout, stderr } = session.options;
  if (stdout && outcome.stdout) ws.send(encodeFrame(STREAM_STDOUT, outcome.stdout));
  if (outcome.stderr) {
    // A terminal has no separate stderr: it shares the one tty with stdout.
    const stream = session.options.tty ? STREAM_STDOUT : STREAM_STDERR;
    if (stderr || session.options.tty) ws.send(encodeFrame(stream, outcome.stderr));
  }
  ws.send(encodeFrame(STREAM_ERROR, JSON.stringify(exitStatus(outcome))));
  ws.close(1000);
}

function serveSession(ws: WebSocket, session: ExecSession): void {
  const protocol = ws.protocol;
  const opts = session.options;
  if (opts.tty) {
    const term = new TerminalSession(
      session,
      (text) => ws.send(encodeFrame(STREAM_STDOUT, text)),
      (o) => finish(ws, o, session),
    );
    ws.on('message', (data) => {
      const f = decodeFrame(toBytes(data), protocol);
      if (f.kind === 'data' && f.stream === STREAM_STDIN) term.input(new TextDecoder().decode(f.data));
      else if (f.kind === 'close' && f.stream === STREAM_STDIN) term.endOfInput();
    });
    term.start();
    return;
  }
  if (!opts.stdin) {
    finish(ws, session.run(undefined), session);
    return;
  }
  const chunks: Uint8Array[] = [];
  let done = false;
  const runWithInput = (): void => {
    if (done) return;
    done = true;
    finish(ws, session.run(Buffer.concat(chunks).toString('utf8')), session);
  };
  ws.on('message', (data) => {
    const f = decodeFrame(toBytes(data), protocol);
    if (f.kind === 'data' && f.stream === STREAM_STDIN) chunks.push(f.data);
    else if (f.kind === 'close' && f.stream === STREAM_STDIN) runWithInput();
  });
  // A v4 client has no close signal: its stdin ends when it closes the connection.
  ws.on('close', () => {
    done = true;
  });
}
