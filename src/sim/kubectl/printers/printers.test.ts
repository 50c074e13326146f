import { describe, expect, it } from 'vitest';
import { customColumnsHeader, customColumnsRow, goSprint, parseCustomColumns } from './custom-columns';
import { toJson } from './json';
import { TabWriter } from './tabwriter';
import { sortYamlKeys, toYaml } from './yaml';

describe('toYaml (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('sorts keys, leaves sequences unindented and quotes what would not read back as a string', () => {
    expect(
      toYaml({
        spec: { ports: [{ port: 80, targetPort: '80', name: 'http' }], selector: {} },
        metadata: {
          creationTimestamp: '2026-01-01T00:00:00Z',
          name: 'web',
          annotations: { a: 'true', b: '' },
        },
        apiVersion: 'v1',
        items: [],
        x: null,
      }),
    ).toBe(`apiVersion: v1
items: []
metadata:
  annotations:
    a: "true"
    b: ""
  creationTimestamp: "2026-01-01T00:00:00Z"
  name: web
spec:
  ports:
  - name: http
    port: 80
    targetPort: "80"
  selector: {}
x: null
`);
  });
  it('single-quotes indicators and writes multi-line strings as literal blocks', () => {
    expect(toYaml({ a: '*', b: '- x', c: '{"k":1}\n', d: 'no', e: '1:20', f: 'a: b' })).toBe(`a: '*'
b: '- x'
c: |
  {"k":1}
d: "no"
e: "1:20"
f: 'a: b'
`);
  });
  it('folds long plain strings at 80 columns', () => {
    const msg =
      'ReplicaSet "nginx-deployment-66b6c48dd5" has successfully progressed to the new version now.';
    expect(toYaml({ status: { conditions: [{ message: msg }] } })).toBe(`status:
  conditions:
  - message: ReplicaSet "nginx-deployment-66b6c48dd5" has successfully progressed
      to the new version now.
`);
  });
  it("orders keys with yaml.v2's natural order (digit runs as numbers)", () => {
    expect(sortYamlKeys(['a10', 'a9', 'b', 'A', 'a-b', 'ab'])).toEqual(['A', 'a-b', 'a9', 'a10', 'ab', 'b']);
  });
});

describe('toJson (encoding/json MarshalIndent, four spaces)', () => {
  it('sorts keys and escapes like Go', () => {
    expect(toJson({ b: '<a&b>', a: [1, { z: true }], c: {} })).toBe(
      '{\n    "a": [\n        1,\n        {\n            "z": true\n        }\n    ],\n    "b": "\\u003ca\\u0026b\\u003e",\n    "c": {}\n}\n',
    );
  });
});

describe('TabWriter (minwidth 6, padding 3)', () => {
  it('pads every cell but the last of a line', () => {
    const w = new TabWriter();
    w.write('NAME\tREADY\tAGE\nweb-1\t1/1\t5s\n');
    expect(w.flush()).toBe('NAME    READY   AGE\nweb-1   1/1     5s\n');
  });
  it('keeps column blocks apart when a line has no cell (describe layout)', () => {
    const w = new TabWriter(0, 2);
    w.write('Name:\ta\nLonger Name:\tb\nSection:\n  X:\tc\n');
    expect(w.flush()).toBe('Name:         a\nLonger Name:  b\nSection:\n  X:  c\n');
  });
  it('remembers widths across flushes (get -w)', () => {
    const w = new TabWriter();
    w.write('NAME\tSTATUS\nlong-pod-name\tRunning\n');
    w.flush();
    w.write('a\tPending\n');
    expect(w.flush()).toBe('a               Pending\n');
  });
});

describe('custom columns', () => {
  it('prints <none> for missing values and Go formatting for maps', () => {
    const cols = parseCustomColumns('NAME:.metadata.name,LABELS:.metadata.labels,X:.nope');
    expect(customColumnsHeader(cols)).toBe('NAME\tLABELS\tX\n');
    expect(customColumnsRow(cols, { metadata: { name: 'a', labels: { app: 'web', tier: 'fe' } } })).toBe(
      'a\tmap[app:web tier:fe]\t<none>\n',
    );
  });
  it('rejects a column without a path', () => {
    expect(() => parseCustomColumns('NAME')).toThrow(
      'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>',
    );
  });
  it('formats like fmt.Sprint', () => {
    expect(goSprint([1, 'a', { b: true }])).toBe('[1 a map[b:true]]');
  });
});

describe("goSort (Go's sort.Sort)", () => {
  it('sorts, and keeps small inputs in insertion order for ties', async () => {
    const { goSort } = await import('../gosort');
    const items = [3, 1, 2, 1, 5, 4].map((v, i) => ({ v, i }));
    expect(goSort(items, (a, b) => a.v < b.v).map((x) => `${x.v}${x.i}`)).toEqual([
      '11',
      '13',
      '22',
      '30',
      '45',
      '54',
    ]);
    const many = Array.from({ length: 40 }, (_, i) => (i * 7919) % 13);
    expect(goSort([...many], (a, b) => a < b)).toEqual([...many].sort((a, b) => a - b));
  });
});
