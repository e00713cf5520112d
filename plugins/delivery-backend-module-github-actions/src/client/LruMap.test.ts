import { LruMap } from './LruMap';

describe('LruMap', () => {
  it('forgets the least recently used entries beyond maxEntries', () => {
    const map = new LruMap<string, number>({ maxEntries: 2 });
    map.set('a', 1).set('b', 2);
    expect(map.get('a')).toBe(1); // a is now the most recently used
    map.set('c', 3);
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([
      true,
      false,
      true,
    ]);
    expect(map.size).toBe(2);
  });

  it('keeps the total weight within maxWeight and does not keep an entry heavier than that', () => {
    const map = new LruMap<string, string>({
      maxEntries: 100,
      maxWeight: 10,
      weigh: v => v.length,
    });
    map.set('a', 'xxxx').set('b', 'xxxx');
    expect(map.weight).toBe(8);
    map.set('c', 'xxxx');
    expect(map.has('a')).toBe(false);
    expect(map.weight).toBe(8);
    map.set('b', 'x'); // replacing re-weighs
    expect(map.weight).toBe(5);
    map.set('huge', 'x'.repeat(11));
    expect(map.has('huge')).toBe(false);
    expect(map.weight).toBe(5);
    expect(map.delete('c')).toBe(true);
    expect(map.weight).toBe(1);
  });
});
