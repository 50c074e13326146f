import { describe, expect, it } from 'vitest';
import { ControllerExpectations, EXPECTATIONS_TTL_MS } from './expectations';

describe('ControllerExpectations', () => {
  it('is satisfied once every expected creation is observed', () => {
    let now = 0;
    const e = new ControllerExpectations(() => now);
    expect(e.satisfied('default/web')).toBe(true);
    e.expectCreations('default/web', 2);
    expect(e.satisfied('default/web')).toBe(false);
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(false);
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(true);
    e.expectCreations('default/web', 1);
    now += EXPECTATIONS_TTL_MS + 1;
    expect(e.satisfied('default/web')).toBe(true);
  });

  it('counts each deleted pod once, and only pods it deleted', () => {
    const e = new ControllerExpectations(() => 0);
    e.expectDeletions('default/web', ['default/a', 'default/b']);
    e.deletionObserved('default/web', 'default/a');
    e.deletionObserved('default/web', 'default/a');
    e.deletionObserved('default/web', 'default/other');
    expect(e.satisfied('default/web')).toBe(false);
    e.deletionObserved('default/web', 'default/b');
    expect(e.satisfied('default/web')).toBe(true);
  });
});
