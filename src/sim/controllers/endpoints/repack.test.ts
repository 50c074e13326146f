import { describe, expect, it } from 'vitest';
import { repackSubsets } from './repack';

describe('RepackSubsets', () => {
  it('groups addresses by the ports they share and keeps not-ready apart', () => {
    const a = { ip: '10.0.0.2' };
    const b = { ip: '10.0.0.1' };
    const c = { ip: '10.0.0.3' };
    const p80 = { name: '', port: 80, protocol: 'TCP' };
    const out = repackSubsets([
      { addresses: [a], ports: [p80] },
      { addresses: [b], ports: [p80] },
      { notReadyAddresses: [c], ports: [p80] },
    ]);
    expect(out).toEqual([{ addresses: [b, a], notReadyAddresses: [c], ports: [p80] }]);
  });

  it('splits addresses that serve different ports', () => {
    const out = repackSubsets([
      { addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] },
      { addresses: [{ ip: '10.0.0.2' }], ports: [{ port: 8080 }] },
    ]);
    expect(out).toHaveLength(2);
  });
});
