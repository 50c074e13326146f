import { ApiError, KubectlError, type Status } from './client';
import { UsageError } from './args';

/** Go's %q for a string (strconv.Quote for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Several errors from one command (utilerrors.Aggregate). */
export class AggregateError extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.map((e) => e.message).join(', '));
  }
}

/** An error cobra reports with the command's usage hint. */
export class CommandUsageError extends Error {
  constructor(
    message: string,
    readonly hint: 'help' | 'usage' = 'help',
  ) {
    super(message);
  }
}

/** cmdutil.StandardErrorMessage: the text for an error from the server, if it is one. */
export function standardErrorMessage(err: Error): string | undefined {
  if (err instanceof ApiError) {
    const s = err.status;
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message ?? ''}`;
    return `Error from server: ${s.message ?? ''}`;
  }
  return undefined;
}

function invalidMessage(s: Status): string {
  const d = s.details;
  let head = 'The request is invalid';
  if (!d) return s.message ? `${head}: ${s.message}` : head;
  if (d.kind || d.name) head = `The ${d.kind ?? ''} ${goQuote(d.name ?? '')} is invalid`;
  const causes = d.causes ?? [];
  if (causes.length === 0) return head;
  // statusCausesToAggrError: "field: message" per cause, duplicates dropped (Aggregate dedups).
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const c of causes) {
    const m = c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '');
    if (!seen.has(m)) {
      seen.add(m);
      msgs.push(m);
    }
  }
  if (msgs.length === 1) return `${head}: ${msgs[0]}`;
  return `${head}: \n${msgs.map((m) => `* ${m}`).join('\n')}`;
}

/** The text one error prints as under cmdutil.CheckErr. */
export function errorText(err: Error): string {
  if (err instanceof ApiError && err.status.reason === 'Invalid') return invalidMessage(err.status);
  if (err instanceof AggregateError) {
    if (err.errors.length === 1) return errorText(err.errors[0]);
    return err.errors.map((e) => standardErrorMessage(e) ?? e.message).join('\n');
  }
  if (err instanceof KubectlError && err.raw) return err.message;
  const std = standardErrorMessage(err);
  if (std !== undefined) return std;
  const msg = err.message;
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

/** What CheckErr writes to stderr and the exit code it uses. */
export function checkErr(err: unknown, commandPath: string): { stderr: string; exitCode: number } {
  const e = err instanceof Error ? err : new Error(String(err));
  if (e instanceof UsageError)
    return { stderr: `Error: ${e.message}\nSee '${commandPath} --help' for usage.\n`, exitCode: 1 };
  if (e instanceof CommandUsageError) {
    const hint =
      e.hint === 'help'
        ? `See '${commandPath} -h' for help and examples`
        : `See '${commandPath} --help' for usage.`;
    return { stderr: `error: ${e.message}\n${hint}\n`, exitCode: 1 };
  }
  let text = errorText(e);
  if (!text.endsWith('\n')) text += '\n';
  return { stderr: text, exitCode: e instanceof KubectlError ? e.exitCode : 1 };
}
