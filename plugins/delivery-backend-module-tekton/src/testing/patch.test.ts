import { applyJsonPatch, applyMergePatch } from './patch';

describe('applyMergePatch (RFC 7386)', () => {
  it('merges objects, removes nulls and replaces arrays and scalars', () => {
    const target = { a: { b: 1, c: 2 }, list: [1, 2], keep: true };
    const result = applyMergePatch(target, {
      a: { c: null, d: 3 },
      list: [3],
      x: 'y',
    });
    expect(result).toEqual({
      a: { b: 1, d: 3 },
      list: [3],
      keep: true,
      x: 'y',
    });
    expect(target).toEqual({ a: { b: 1, c: 2 }, list: [1, 2], keep: true });
    expect(applyMergePatch({ a: 1 }, 'scalar')).toBe('scalar');
  });
});

describe('applyJsonPatch (RFC 6902)', () => {
  const doc = { spec: { params: ['a', 'b'], 'x/y': { '~z': 1 } } };

  it('adds, replaces, removes, tests, moves and copies', () => {
    const result = applyJsonPatch(doc, [
      { op: 'test', path: '/spec/params/0', value: 'a' },
      { op: 'add', path: '/spec/params/1', value: 'inserted' },
      { op: 'add', path: '/spec/params/-', value: 'last' },
      { op: 'replace', path: '/spec/x~1y/~0z', value: 2 },
      { op: 'remove', path: '/spec/params/0' },
      { op: 'copy', from: '/spec/params', path: '/spec/copy' },
      { op: 'move', from: '/spec/copy', path: '/status' },
    ]);
    expect(result).toEqual({
      spec: { params: ['inserted', 'b', 'last'], 'x/y': { '~z': 2 } },
      status: ['inserted', 'b', 'last'],
    });
    expect(doc.spec.params).toEqual(['a', 'b']);
  });

  it.each([
    [[{ op: 'replace', path: '/spec/missing', value: 1 }], /missing path/],
    [[{ op: 'remove', path: '/nope/deeper' }], /missing path/],
    [[{ op: 'add', path: '/spec/params/7', value: 1 }], /out of range/],
    [[{ op: 'test', path: '/spec/params/0', value: 'z' }], /testing value/],
    [[{ op: 'add', path: 'spec', value: 1 }], /invalid JSON pointer/],
    [[{ op: 'frobnicate', path: '/spec' }], /unsupported/],
    [{ op: 'add' }, /must be an array/],
  ])('rejects %j', (patch, message) => {
    expect(() => applyJsonPatch(doc, patch)).toThrow(message);
  });
});
