/** xterm.js with a small line editor: history (↑/↓), paste, copy of the selection. Loaded lazily. */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { memo, useEffect, useRef } from 'react';

export interface XTermProps {
  prompt: string;
  banner: string;
  ariaLabel: string;
  run(line: string): Promise<{ stdout: string; stderr: string }>;
  /** Every line typed and every output, for the transcript screen readers and tests read. */
  onTranscript(text: string): void;
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

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
    const redraw = () => term.write(`\x1b[2K\r${PROMPT}${line}`);
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
      onTranscript(`${prompt} ${text}\n`);
      if (text.trim()) {
        history.push(text);
        if (history.length > 200) history.shift();
      }
      index = history.length;
      if (text.trim() === 'clear') {
        term.clear();
        term.write(PROMPT);
        return;
      }
      busy = true;
      try {
        const out = await run(text);
        if (out.stdout) term.write(crlf(out.stdout));
        if (out.stderr) term.write(`\x1b[31m${crlf(out.stderr)}\x1b[0m`);
        onTranscript(out.stdout + out.stderr);
      } catch (e) {
        const msg = `${e instanceof Error ? e.message : String(e)}\n`;
        term.write(`\x1b[31m${crlf(msg)}\x1b[0m`);
        onTranscript(msg);
      } finally {
        busy = false;
        term.write(PROMPT);
        // What was typed while the command ran is kept, as a real terminal would.
        for (const d of queued.splice(0)) onData(d);
      }
    };

    const queued: string[] = [];
    const onData = (data: string): void => {
      if (busy) {
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
        if (i < parts.length - 1) void submit();
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
