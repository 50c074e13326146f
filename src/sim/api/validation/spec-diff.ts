/**
 * A readable stand-in for the go-cmp diff upstream appends to "pod updates may not change …".
 * go-cmp's exact layout depends on Go struct printing, so KubeSim lists the changed JSON paths
 * in the same `-`/`+` style instead.
 */
export function specDiff(typeName: string, oldValue: unknown, newValue: unknown): string {
  const lines: string[] = [];
  walk('', oldValue, newValue, lines);
  return `  ${typeName}{\n${lines.join('\n')}\n  }\n`;
}

function walk(path: string, a: unknown, b: unknown, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])])
      walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => walk(`${path}[${i}]`, x, b[i], out));
    return;
  }
  if (a !== undefined) out.push(`- \t${path}: ${JSON.stringify(a)},`);
  if (b !== undefined) out.push(`+ \t${path}: ${JSON.stringify(b)},`);
}
