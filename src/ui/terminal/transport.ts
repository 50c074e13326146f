/**
 * The terminal's kubectl transport: KubeSim's TypeScript kubectl runs on the main thread and every
 * HTTP request it makes goes to the cluster worker, so the worker logs each one as an input (and a
 * rewind replays it) exactly as it logs the editor's. What cannot cross postMessage is rebuilt here:
 * a watch or `logs -f` becomes a worker `stream`, and `kubectl exec`'s session an object whose
 * `run` is the process the worker ran.
 */
import type { HttpRequest, HttpResponse, ResponseStream } from '../../sim/apiserver/http';
import { ApiError, KubectlError, type Transport } from '../../sim/kubectl/client';
import type { ApiRequest, ClusterClient, ExecPodResponse } from '../store/client';

type Method = ApiRequest['method'];
const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  startError?: string;
}

/** What kubectl's exec needs of the apiserver's session: `run`, besides the stream it also is. */
interface RemoteExecSession extends ResponseStream {
  run(stdin: string | undefined): ExecOutcome | Promise<ExecOutcome>;
}

const isStreaming = (req: HttpRequest): boolean =>
  req.method === 'GET' &&
  (['true', '1'].includes(req.query.get('watch') ?? '') || req.query.get('follow') === 'true');

const isExec = (req: HttpRequest): boolean =>
  req.method === 'POST' && /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/exec$/.test(req.path);

function session(run: (stdin: string | undefined) => ExecOutcome | Promise<ExecOutcome>): RemoteExecSession {
  return { run, subscribe: (_c, onEnd) => onEnd(), close: () => undefined };
}

/** An exec response as kubectl's exec reads it: 101 with the session, else the refusal. */
function execResponse(r: ExecPodResponse): HttpResponse {
  const outcome = r.exec;
  if (r.status !== 101 || !outcome) return { status: r.status, headers: r.headers, body: r.body };
  return { status: 101, headers: r.headers, body: r.body, stream: session(() => outcome) };
}

/** The refusal of an upgrade, thrown as kubectl's exec would report it. */
function refusal(r: ExecPodResponse): Error {
  try {
    const status = JSON.parse(r.body) as { kind?: string };
    if (status && status.kind === 'Status') return new ApiError(status);
  } catch {
    // plain text (the kubelet's refusal)
  }
  return new KubectlError(`unable to upgrade connection: ${r.body.trim() || `HTTP ${r.status}`}`);
}

export function workerTransport(client: ClusterClient): Transport {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    if (req.bodyBytes) throw new Error('the browser terminal sends JSON bodies only');
    if (!METHODS.includes(req.method)) throw new Error(`unsupported method ${req.method}`);
    const base = { path: req.path, query: req.query.toString(), headers: { ...req.headers } };
    if (isExec(req)) {
      // Without stdin the process runs now; with `-i` it runs when kubectl hands over its stdin.
      if (req.query.get('stdin') !== 'true') return execResponse(await client.execPod(base));
      return {
        status: 101,
        headers: {},
        body: '',
        stream: session(async (stdin) => {
          const r = await client.execPod({ ...base, stdin });
          if (r.status !== 101 || !r.exec) throw refusal(r);
          return r.exec;
        }),
      };
    }
    if (isStreaming(req)) {
      const r = await client.stream(base);
      return {
        status: r.status,
        headers: r.headers,
        body: r.body,
        ...(r.stream ? { stream: r.stream } : {}),
      };
    }
    const r = await client.request({ ...base, method: req.method as Method, body: req.body });
    return { status: r.status, headers: r.headers, body: r.body };
  };
}
