/** The guest's side of the workspace tar streams, by the guest's tar (pure command lines and lists). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packCommand, packList, sendFormat, unpackCommand } from '../../src/sync/guest-tar.js';

describe("the guest's tar", () => {
  it('GNU tar, bsdtar and pax get a NUL-separated list; busybox and illumos one name per line, without names holding a newline', () => {
    const paths = ['a b', 'new\nline', 'c'];
    assert.deepEqual(packList('gnu', paths), { list: 'a b\0new\nline\0c\0', unlisted: [] });
    assert.deepEqual(packList('bsdtar', paths).unlisted, []);
    assert.deepEqual(packList('pax', paths).unlisted, []);
    for (const flavour of ['busybox', 'illumos'] as const)
      assert.deepEqual(packList(flavour, paths), { list: 'a b\nc\n', unlisted: ['new\nline'] });
  });
  it('packs without descending into directories, with the tool each guest has', () => {
    assert.equal(packCommand('/w d', 'gnu'), "cd '/w d' && tar -cf - --null --no-recursion -T -");
    assert.match(
      packCommand('/w', 'busybox'),
      /^cd '\/w' && set -- && while IFS= read -r .* tar -cf - --no-recursion -- "\$@"$/,
    );
    assert.equal(packCommand('/w', 'pax'), "cd '/w' && pax -w -0 -d -x ustar");
    assert.equal(packCommand('/w', 'illumos'), "cd '/w' && pax -w -d -x ustar");
  });
  it('unpacks after cd (illumos tar reads -C otherwise), making the directory with the admin command', () => {
    assert.match(unpackCommand('/w', 'doas'), /doas -n mkdir -p '\/w'.* && cd '\/w' && tar -xpf -$/);
    assert.doesNotMatch(unpackCommand('/w', 'root'), /sudo|doas/);
  });
  it('sends GNU archives to readers of GNU long names, POSIX pax archives to the BSD and illumos readers', () => {
    assert.equal(sendFormat('gnu'), 'gnu');
    assert.equal(sendFormat('busybox'), 'gnu');
    assert.equal(sendFormat('pax'), 'pax');
    assert.equal(sendFormat('illumos'), 'pax');
  });
});
