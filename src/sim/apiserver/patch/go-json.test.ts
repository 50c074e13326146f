import { describe, expect, it } from 'vitest';
import { parseGoJson } from './go-json';

describe('parseGoJson: Go encoding/json error texts', () => {
  const cases: [string, string][] = [
    ['', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{} {}', "invalid character '{' after top-level value"],
    ['tru ', "invalid character ' ' in literal true (expecting 'e')"],
    ['"a\\qb"', "invalid character 'q' in string escape code"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
  ];
  for (const [input, message] of cases) {
    it(JSON.stringify(input), () => expect(parseGoJson(input)).toEqual({ ok: false, message }));
  }
  it('parses valid JSON', () => {
    expect(parseGoJson(' {"a":[1,2.5,-3e2,true,null,"x\\u0041"]} ')).toEqual({
      ok: true,
      value: { a: [1, 2.5, -300, true, null, 'xA'] },
    });
  });
});
