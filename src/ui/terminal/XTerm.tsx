/**
 * xterm.js with a small line editor: history (↑/↓), paste, copy of the selection, heredocs
 * (`cat <<EOF | kubectl apply -f -` … `EOF`), output as it is produced, Ctrl-C to stop a running
 * command. Loaded lazily.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { memo, useEffect, useRef } from 'react';

export interface RunIo {
  onStdout(chunk: string): void;
  onStderr(chunk: string): void;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The screen is to be cleared (`clear`). */
  clear?: boolean;
}

export interface XTermProps {
  prompt: string;
  banner: string;
  ariaLabel: string;
  /**
   * Runs one command (a heredoc's lines included). Output streamed through `io` is shown as it
   * comes; what the result holds beyond it is shown at the end.
   */
  run(line: string, io: RunIo): Promise<RunResult>;
  /** Every line typed and every output, for the transcript screen readers and tests read. */
  onTranscript(text: string): void;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
/** `<<EOF`, `<<-EOF`, `<<'EOF'`: the word that ends a heredoc, and whether tabs are stripped. */
const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

export const XTerm = memo(function XTerm({ prompt, banner, ariaLabel, run, onTranscript }: XTermProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace',
      fontSize: 13,
      cursorBlink: true,
      convertEol: false,
      scrollback: 2000,
      theme: {
        background: '#0f172a',
        foreground: '#e2e8f0',
        cursor: '#93c5fd',
        selectionBackground: '#334155',
      },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    term.textarea?.setAttribute('aria-label', ariaLabel);
    const resize = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // not visible yet
      }
    });
    resize.observe(el);

    const history: string[] = [];
    let index = 0;
    let line = '';
    let busy = false;
    const PROMPT = `\x1b[1;34m${prompt}\x1b[0m `;
    const MORE = `\x1b[1;34m>\x1b[0m `;
    /** An open heredoc: the lines so far (the command first) and the word that ends it. */
    let heredoc: { lines: string[]; word: string; strip: boolean } | undefined;
    /** The running command's Ctrl-C. */
    let abort: AbortController | undefined;
    const redraw = () => term.write(`\x1b[2K\r${heredoc ? MORE : PROMPT}${line}`);
    term.write(crlf(banner));
    term.write(PROMPT);

    term.attachCustomKeyEventHandler((e) => {
      // Ctrl+C with a selection copies; Ctrl+Shift+C too.
      if (
        e.type === 'keydown' &&
        (e.ctrlKey || e.metaKey) &&
        e.key.toLowerCase() === 'c' &&
        term.hasSelection()
      ) {
        void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
        return false;
      }
      return true;
    });

    const submit = async () => {
      const text = line;
      line = '';
      term.write('\r\n');
      onTranscript(`${heredoc ? '>' : prompt} ${text}\n`);
      if (heredoc) {
        heredoc.lines.push(text);
        const t = heredoc.strip ? text.replace(/^\t+/, '') : text;
        if (t !== heredoc.word) {
          term.write(MORE);
          return;
        }
        const whole = heredoc.lines.join('\n');
        heredoc = undefined;
        return execute(whole);
      }
      if (text.trim()) {
        history.push(text);
        if (history.length > 200) history.shift();
      }
      index = history.length;
      const here = HEREDOC.exec(text);
      if (here) {
        heredoc = { lines: [text], word: here[3], strip: here[1] === '-' };
        term.write(MORE);
        return;
      }
      return execute(text);
    };

    const execute = async (text: string) => {
      if (text.trim() === 'clear') {
        term.clear();
        term.write(PROMPT);
        return;
      }
      busy = true;
      const controller = new AbortController();
      abort = controller;
      // Ctrl-C ends the command at once, as SIGINT would; whatever it prints later is dropped.
      const interrupted = new Promise<undefined>((resolve) =>
        controller.signal.addEventListener('abort', () => resolve(undefined), { once: true }),
      );
      let shownOut = '';
      let shownErr = '';
      let midLine = false;
      const live = () => abort === controller && !controller.signal.aborted;
      const onStdout = (chunk: string) => {
        if (!live() || !chunk) return;
        shownOut += chunk;
        midLine = !chunk.endsWith('\n');
        term.write(crlf(chunk));
        onTranscript(chunk);
      };
      const onStderr = (chunk: string) => {
        if (!live() || !chunk) return;
        shownErr += chunk;
        midLine = !chunk.endsWith('\n');
        term.write(`\x1b[31m${crlf(chunk)}\x1b[0m`);
        onTranscript(chunk);
      };
      try {
        const out = await Promise.race([
          run(text, { onStdout, onStderr, signal: controller.signal }),
          interrupted,
        ]);
        if (out && live()) {
          // What the command returned without streaming it (e.g. a usage error).
          onStdout(out.stdout.startsWith(shownOut) ? out.stdout.slice(shownOut.length) : '');
          onStderr(out.stderr.startsWith(shownErr) ? out.stderr.slice(shownErr.length) : '');
          if (out.clear) {
            term.clear();
            midLine = false;
          }
        }
      } catch (e) {
        if (live()) onStderr(`${e instanceof Error ? e.message : String(e)}\n`);
      } finally {
        if (abort === controller) abort = undefined;
        busy = false;
        // A command's last line may lack its newline (`-o jsonpath=…`): the prompt starts a new one.
        if (midLine) term.write('\r\n');
        term.write(PROMPT);
        // What was typed while the command ran is kept, as a real terminal would.
        for (const d of queued.splice(0)) onData(d);
      }
    };

    const queued: string[] = [];
    const onData = (data: string): void => {
      if (busy) {
        if (data === '\x03' && abort) {
          term.write('^C\r\n');
          onTranscript('^C\n');
          queued.length = 0;
          abort.abort();
          return;
        }
        queued.push(data);
        return;
      }
      if (data === '\r') return void submit();
      if (data === '\x7f') {
        if (line) {
          line = line.slice(0, -1);
          term.write('\b \b');
        }
        return;
      }
      if (data === '\x1b[A') {
        if (index > 0) index -= 1;
        line = history[index] ?? '';
        return redraw();
      }
      if (data === '\x1b[B') {
        index = Math.min(history.length, index + 1);
        line = history[index] ?? '';
        return redraw();
      }
      if (data === '\x03') {
        line = '';
        heredoc = undefined;
        term.write(`^C\r\n${PROMPT}`);
        return;
      }
      if (data === '\x0c') {
        term.clear();
        return;
      }
      if (data.startsWith('\x1b')) return; // other escapes (←/→) are not edited in this line editor
      // Typed text or a paste (possibly several lines: run each).
      const parts = data.replace(/\r\n?/g, '\n').split('\n');
      for (let i = 0; i < parts.length; i++) {
        const printable = [...parts[i]].filter((ch) => ch >= ' ').join('');
        line += printable;
        term.write(printable);
        if (i < parts.length - 1) {
          void submit();
          // A command started: the rest of the paste waits for it, like type-ahead.
          if (busy) {
            queued.push(parts.slice(i + 1).join('\n'));
            break;
          }
        }
      }
    };
    const sub = term.onData(onData);
    term.focus();
    return () => {
      sub.dispose();
      resize.disconnect();
      term.dispose();
    };
  }, [prompt, banner, ariaLabel, run, onTranscript]);
  return <div ref={host} style={{ width: '100%', height: '100%' }} />;
});

export default XTerm;
