/** Masking for the kubectl differential test: only what depends on when a command ran. */

/** `5s`, `3m2s`, `10d`, and `(42s ago)`: durations that depend on when the command ran. */
export function maskAges(text: string): string {
  return (
    text
      // klog headers carry the time and the process id.
      .replace(/^([IWE])\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+ /gm, '$1<klog> ')
      // rollout restart stamps the client's wall clock into the pod template.
      .replace(/(restartedAt"?:\s*"?)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, '$1<time>')
      .replace(/(?<=^|\s|\()(\d+(?:\.\d+)?(?:ms|[smhdy]))(\d+[smhd])?(?=$|\s|\)|,)/gm, '<age>')
      .replace(/<age>( +)/g, (_m, sp: string) => '<age>' + ' '.repeat(Math.min(sp.length, 1)))
      .replace(/ +\n/g, '\n')
  );
}
