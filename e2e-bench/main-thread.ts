/** Chromium trace events (the few fields the benchmarks read). */
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

export interface Trace {
  traceEvents: TraceEvent[];
}

/** The complete (`X`) events of the renderer's main thread, with a duration. */
export function mainThreadEvents(trace: Trace): (TraceEvent & { dur: number })[] {
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  return trace.traceEvents.filter(
    (e): e is TraceEvent & { dur: number } =>
      e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && !!e.dur,
  );
}
