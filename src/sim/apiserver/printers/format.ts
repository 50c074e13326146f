import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Container } from 'kubernetes-types/core/v1';

/** labels.FormatLabels: `k=v` pairs sorted by key, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, `k=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`. Empty or nil selectors print as the empty string; undefined means
 * the selector is invalid (an unknown operator), which callers render their own way.
 */
export function labelSelectorString(sel: LabelSelector | undefined | null): string | undefined {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${values})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${values})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return undefined;
    }
  }
  // Go's sort.Sort is not stable, but keys within matchLabels are unique; a stable sort is the
  // closest deterministic stand-in for a key shared by a label and an expression.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: like labelSelectorString, but `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: container names and images, each joined with commas. */
export function layoutContainerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** net.JoinHostPort: brackets around IPv6 addresses. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** listWithMoreString: the `a,b,c + N more...` rule for EndpointSlice columns, `<unset>` when empty. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}
