import { describe, expect, it } from 'vitest';
import { maskAges } from './kubectl-mask';

describe('maskAges', () => {
  it('masks AGE cells and durations, and nothing else', () => {
    expect(maskAges('NAME   AGE\nweb    5s\nold    3m2s\n')).toBe('NAME   AGE\nweb    <age>\nold    <age>\n');
    expect(maskAges('web   1/1   Running   3 (42s ago)   10d\n')).toBe(
      'web   1/1   Running   3 (<age> ago)   <age>\n',
    );
    expect(maskAges('nginx:1.27 port 80/TCP v1.32.0 10.96.0.1\n')).toBe(
      'nginx:1.27 port 80/TCP v1.32.0 10.96.0.1\n',
    );
  });
  it('masks the wall-clock time rollout restart writes', () => {
    expect(maskAges('  Annotations:  kubectl.kubernetes.io/restartedAt: 2026-11-22T17:12:51Z\n')).toBe(
      '  Annotations:  kubectl.kubernetes.io/restartedAt: <time>\n',
    );
  });
  it('masks klog headers (time and process id)', () => {
    expect(maskAges('W1122 17:42:45.596091   12007 helpers.go:702] x\n')).toBe('W<klog> helpers.go:702] x\n');
  });
  it('makes padding after a masked cell independent of the width of the age', () => {
    expect(maskAges('a   5s      v1\n')).toBe(maskAges('a   115s    v1\n'));
  });
});
