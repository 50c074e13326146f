import { errors, type ApiError } from '../apiserver/status';
import type { RuntimeContainer } from './container-runtime';
import { formatLog } from './runtime/log';

export interface LogSource {
  current?: RuntimeContainer;
  previous?: RuntimeContainer;
  waiting?: string;
}

/**
 * The kubelet's container log endpoint (validateContainerLogStatus + the CRI log reader): picks
 * the running container, or the last one that ran, or the previous one with `previous=true`,
 * and applies tailLines, sinceSeconds / sinceTime, timestamps and limitBytes.
 */
export function containerLogs(
  src: LogSource,
  podName: string,
  container: string,
  query: URLSearchParams,
  nowEpochMs: number,
): string | ApiError {
  const previous = query.get('previous') === 'true';
  let c: RuntimeContainer | undefined;
  const cur = src.current;
  if (previous) {
    const prev = cur?.state === 'CONTAINER_EXITED' && src.waiting ? cur : src.previous;
    if (!prev)
      return errors.badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    c = prev;
  } else if (cur && cur.state !== 'CONTAINER_CREATED') c = cur;
  else if (src.previous) c = src.previous;
  else {
    const reason = src.waiting ?? 'ContainerCreating';
    const text =
      reason === 'ErrImagePull'
        ? "image can't be pulled"
        : reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : reason;
    return errors.badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${text}`);
  }
  const tail = query.get('tailLines');
  const sinceSeconds = query.get('sinceSeconds');
  const sinceTime = query.get('sinceTime');
  let sinceMs: number | undefined;
  if (sinceSeconds !== null) sinceMs = nowEpochMs - Number(sinceSeconds) * 1000;
  else if (sinceTime !== null && !Number.isNaN(Date.parse(sinceTime))) sinceMs = Date.parse(sinceTime);
  let out = formatLog(c.log, {
    ...(tail !== null ? { tail: Number(tail) } : {}),
    ...(sinceMs !== undefined ? { sinceMs } : {}),
    timestamps: query.get('timestamps') === 'true',
  });
  const limit = query.get('limitBytes');
  if (limit !== null && Number(limit) > 0) out = out.slice(0, Number(limit));
  return out;
}
