/** `test` / `[`: file tests, string and integer comparisons, `!`, `-a`, `-o`. */

import { normalizePath, stat } from '../fs';
import type { CommandContext } from './commands';

export function runTest(ctx: CommandContext, bracket: boolean): number {
  let args = ctx.args;
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      ctx.err(
        ctx.proc.userland === 'busybox'
          ? 'sh: missing ]'
          : ctx.proc.shellName === 'bash'
            ? "bash: line 1: [: missing `]'"
            : 'sh: 1: [: missing ]',
      );
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalOr(args, ctx) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      ctx.err(e.message);
      return 2;
    }
    throw e;
  }
}

class TestError {
  constructor(public message: string) {}
}

function evalOr(args: string[], ctx: CommandContext): boolean {
  const i = args.indexOf('-o');
  if (i > 0) return evalOr(args.slice(0, i), ctx) || evalOr(args.slice(i + 1), ctx);
  const j = args.indexOf('-a');
  if (j > 0) return evalOr(args.slice(0, j), ctx) && evalOr(args.slice(j + 1), ctx);
  return evalSimple(args, ctx);
}

function int(s: string, ctx: CommandContext): number {
  if (!/^\s*-?\d+\s*$/.test(s)) throw new TestError(ctx.msgs.illegalNumber(ctx.name, s));
  return Number.parseInt(s, 10);
}

function evalSimple(args: string[], ctx: CommandContext): boolean {
  if (args.length === 0) return false;
  if (args[0] === '!' && args.length > 1) return !evalSimple(args.slice(1), ctx);
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, arg] = args;
    const e = stat(ctx.proc.fs, normalizePath(arg, ctx.proc.cwd));
    switch (op) {
      case '-n':
        return arg !== '';
      case '-z':
        return arg === '';
      case '-e':
      case '-r':
      case '-w':
      case '-x':
        return e !== undefined;
      case '-f':
        return e?.type === 'file';
      case '-d':
        return e?.type === 'dir';
      case '-s':
        return e?.type === 'file' && e.content.length > 0;
      case '-L':
      case '-h':
        return false;
      default:
        throw new TestError(`sh: ${op}: unknown operand`);
    }
  }
  const [a, op, b] = args;
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq':
      return int(a, ctx) === int(b, ctx);
    case '-ne':
      return int(a, ctx) !== int(b, ctx);
    case '-lt':
      return int(a, ctx) < int(b, ctx);
    case '-le':
      return int(a, ctx) <= int(b, ctx);
    case '-gt':
      return int(a, ctx) > int(b, ctx);
    case '-ge':
      return int(a, ctx) >= int(b, ctx);
    default:
      throw new TestError(`sh: ${op}: unknown operand`);
  }
}
