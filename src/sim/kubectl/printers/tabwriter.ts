/**
 * Go's text/tabwriter as kubectl configures it (liggitt/tabwriter fork: minwidth 6, tabwidth 4,
 * padding 3, pad with spaces, RememberWidths). Cells end with a tab; the text after a line's last
 * tab is not a cell and is never padded, which is why kubectl's last column has no trailing blanks.
 * Widths are remembered across flushes, so a `get -w` stream keeps its columns aligned.
 */
export class TabWriter {
  private buf = '';
  private remembered: number[] = [];

  /** kubectl's printers use (6, 3); describe and rollout history's tabbedString use (0, 2). */
  constructor(
    private readonly minWidth = 6,
    private readonly padding = 3,
  ) {}

  write(s: string): void {
    this.buf += s;
  }

  setRememberedWidths(widths: number[] | null): void {
    this.remembered = widths ? [...widths] : [];
  }

  /** Formats what was written since the last flush and returns it. */
  flush(): string {
    if (this.buf === '') return '';
    const text = this.buf;
    this.buf = '';
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    // Widths remembered from earlier flushes are minimums; this flush's own blocks stay apart.
    const previous = [...this.remembered];
    const out: string[] = [];
    // Column blocks: a column's width is shared by consecutive lines that have that cell.
    const widthsFor = (start: number, col: number): { width: number; end: number } => {
      let width = this.minWidth;
      if (col < previous.length) width = Math.max(width, previous[col] ?? 0);
      let end = start;
      while (end < lines.length && lines[end].length - 1 > col) {
        width = Math.max(width, runeLength(lines[end][col]) + this.padding);
        end++;
      }
      return { width, end };
    };
    const widths: number[][] = lines.map(() => []);
    const assign = (start: number, stop: number, col: number): void => {
      let i = start;
      while (i < stop) {
        if (lines[i].length - 1 > col) {
          const { width, end } = widthsFor(i, col);
          const blockEnd = Math.min(end, stop);
          if (col >= this.remembered.length) this.remembered.length = col + 1;
          this.remembered[col] = Math.max(this.remembered[col] ?? 0, width);
          for (let j = i; j < blockEnd; j++) widths[j][col] = width;
          assign(i, blockEnd, col + 1);
          i = blockEnd;
        } else i++;
      }
    };
    assign(0, lines.length, 0);
    for (let li = 0; li < lines.length; li++) {
      const cells = lines[li];
      let s = '';
      for (let c = 0; c < cells.length; c++) {
        if (c < cells.length - 1)
          s += cells[c] + ' '.repeat(Math.max(0, widths[li][c] - runeLength(cells[c])));
        else s += cells[c];
      }
      out.push(s);
    }
    return out.join('\n') + (endsWithNewline ? '\n' : '');
  }
}

export function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
