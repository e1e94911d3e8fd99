import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SolsticeError } from '../../src/core/errors.js';
import { inspectChecksumFile, parseChecksumFile } from '../../src/image/checksum-file.js';

const fixtures = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'fixtures', 'checksums');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

/** The digest the reconstructed fixtures use for a file (see test/fixtures/checksums/README.md). */
const placeholder = (algorithm: 'sha256' | 'sha512', name: string): string =>
  createHash(algorithm).update(`solstice fixture placeholder ${name}`).digest('hex');

const SHA256_A = 'a'.repeat(64);
const SHA256_B = 'b'.repeat(64);
const SHA512_C = 'c'.repeat(128);

function throwsSolstice(action: () => unknown, ...fragments: string[]): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof SolsticeError, `expected a SolsticeError, got ${String(error)}`);
    for (const fragment of fragments)
      assert.ok(error.message.includes(fragment), `"${error.message}" should mention "${fragment}"`);
    return true;
  });
}

describe('publisher checksum files', () => {
  test('Ubuntu SHA256SUMS: GNU lines with the * binary marker', () => {
    const text = fixture('ubuntu-24.04-SHA256SUMS');
    assert.deepEqual(inspectChecksumFile(text, 'ubuntu-24.04-server-cloudimg-amd64.img'), {
      digest: { algorithm: 'sha256', hex: 'd1940f7d69d343355e183dff1e08a59852d32e7309baa7a4bad8365b11b005ac' },
      format: 'gnu',
      clearsigned: false,
    });
    assert.equal(
      parseChecksumFile(text, 'ubuntu-24.04-server-cloudimg-arm64.img').hex,
      '2eaec7286c49fdea713dddabcf5012cafa7097a658e916acb48f4bc5fdc8e419',
    );
  });

  test('the file name may be given as the image URL: only its last component is matched', () => {
    const url = 'https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img';
    assert.equal(
      parseChecksumFile(fixture('ubuntu-24.04-SHA256SUMS'), url).hex,
      'd1940f7d69d343355e183dff1e08a59852d32e7309baa7a4bad8365b11b005ac',
    );
  });

  test('Debian SHA512SUMS: GNU text-mode lines, sha512 from the digest length', () => {
    assert.deepEqual(
      parseChecksumFile(fixture('debian-12-SHA512SUMS'), 'debian-12-genericcloud-arm64-20260923-2610.qcow2'),
      {
        algorithm: 'sha512',
        hex: '89a752d5c7d8e88bee39a57d88d496cca574f7d1e8df5df7a169825435f99feb11ed13ab27ec7bee96fe1584be4ff9479358fbca6cc859efa109f4aba18724c8',
      },
    );
  });

  test('Fedora CHECKSUM: BSD lines inside a PGP clearsigned message, size comments skipped', () => {
    const match = inspectChecksumFile(
      fixture('fedora-44-aarch64-CHECKSUM'),
      'Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2',
    );
    assert.deepEqual(match, {
      digest: { algorithm: 'sha256', hex: '55c60a3b80d3616a08705afd0459e75fe9f03c54aba7a46e4002a41a72fa0d5b' },
      format: 'bsd',
      clearsigned: true,
    });
    // The neighbouring UEFI-UKI image has its own digest.
    assert.equal(
      parseChecksumFile(fixture('fedora-44-aarch64-CHECKSUM'), 'Fedora-Cloud-Base-UEFI-UKI-44-1.7.aarch64.qcow2').hex,
      '809a34279fdce4ecbdfa9e7bebd27ee3d255cb90d6ad83e7fb15211634cf95f9',
    );
  });

  test('AlmaLinux CHECKSUM: the -latest name, not the ext4 or OpenNebula variants', () => {
    assert.equal(
      parseChecksumFile(fixture('almalinux-9-aarch64-CHECKSUM'), 'AlmaLinux-9-GenericCloud-latest.aarch64.qcow2').hex,
      'b5d883c5f84c68a9828fbd3aac863f9a723b43f8965a32ff7a1c198301f42a29',
    );
    assert.equal(
      parseChecksumFile(fixture('almalinux-9-aarch64-CHECKSUM'), 'AlmaLinux-9-GenericCloud-ext4-latest.aarch64.qcow2')
        .hex,
      'f436c53e6d80569c3bab2c01072bfb90c2e2f25876ee27cd9e6785fe195e6014',
    );
  });

  test('Rocky CHECKSUM: BSD lines with a "# name: size bytes" comment', () => {
    assert.deepEqual(
      parseChecksumFile(fixture('rockylinux-9-x86_64-CHECKSUM'), 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2'),
      {
        algorithm: 'sha256',
        hex: '92c206cc6f790c61583247eefe87890f8828420662c17cacf247cec78ab4eec8',
      },
    );
  });

  test('CentOS Stream CHECKSUM: near-identical names and no final newline', () => {
    const text = fixture('centos-stream-10-x86_64-CHECKSUM');
    assert.ok(!text.endsWith('\n'));
    assert.equal(
      parseChecksumFile(text, 'CentOS-Stream-GenericCloud-10-latest.x86_64.qcow2').hex,
      '3cb1310f39d92d34d0ea62c1d6f8943f47dce9df6937adb5bd26af8efa5d921d',
    );
    assert.equal(
      parseChecksumFile(text, 'CentOS-Stream-GenericCloud-x86_64-10-latest.x86_64.qcow2').hex,
      '01851cfb3929274d36a96c5e45ec0772309f73f705a2ffacf404c67fe9966430',
    );
  });

  test('openSUSE .sha256 next to the image: one line with a single space', () => {
    assert.deepEqual(
      inspectChecksumFile(
        fixture('openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2.sha256'),
        'openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2',
      ),
      {
        digest: { algorithm: 'sha256', hex: '0f7f09a9a083088b51aa365fe0e4310e6b156c2153d6aa03a77b81eee884e52a' },
        format: 'gnu',
        clearsigned: false,
      },
    );
  });

  test('FreeBSD CHECKSUM.SHA256 and CHECKSUM.SHA512: BSD lines naming the .xz files', () => {
    const name = 'FreeBSD-14.3-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz';
    assert.deepEqual(parseChecksumFile(fixture('freebsd-14.3-amd64-CHECKSUM.SHA256'), name), {
      algorithm: 'sha256',
      hex: placeholder('sha256', name),
    });
    assert.equal(
      parseChecksumFile(fixture('freebsd-14.3-amd64-CHECKSUM.SHA256'), 'FreeBSD-14.3-RELEASE-amd64-zfs.qcow2.xz').hex,
      '8bfcc2c6f3b3f259b0288b41db808328d98fe015f59432ffd8d69276829a9a8d',
    );
    assert.deepEqual(parseChecksumFile(fixture('freebsd-14.3-amd64-CHECKSUM.SHA512'), name), {
      algorithm: 'sha512',
      hex: placeholder('sha512', name),
    });
  });

  test('OmniOS .sha256: a bare digest is the digest of the file it sits next to', () => {
    const name = 'omnios-r151058.cloud.qcow2';
    assert.deepEqual(inspectChecksumFile(fixture(`${name}.sha256`), name), {
      digest: { algorithm: 'sha256', hex: placeholder('sha256', name) },
      format: 'bare',
      clearsigned: false,
    });
  });
});

describe('line endings, comments and odd lines', () => {
  test('CRLF files read like LF files, signed or not', () => {
    for (const [name, file] of [
      ['fedora-44-aarch64-CHECKSUM', 'Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2'],
      ['ubuntu-24.04-SHA256SUMS', 'ubuntu-24.04-server-cloudimg-amd64.img'],
      ['rockylinux-9-x86_64-CHECKSUM', 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2'],
    ] as const) {
      const text = fixture(name);
      assert.deepEqual(parseChecksumFile(text.replace(/\n/g, '\r\n'), file), parseChecksumFile(text, file), name);
    }
  });

  test('a byte-order mark, blank lines, comments and upper-case hex are accepted', () => {
    const text = `\uFEFF# published digests\n\n   \n${SHA256_B}  other.qcow2\n\n# the image:\n${SHA256_A.toUpperCase()}  image.qcow2\n\n`;
    assert.deepEqual(parseChecksumFile(text, 'image.qcow2'), { algorithm: 'sha256', hex: SHA256_A });
  });

  test('dash-escaped lines of a signed message are unescaped', () => {
    const line = 'SHA256 (Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2) = ';
    const escaped = fixture('fedora-44-aarch64-CHECKSUM').replace(line, `- ${line}`);
    assert.notEqual(escaped, fixture('fedora-44-aarch64-CHECKSUM'));
    assert.equal(
      parseChecksumFile(escaped, 'Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2').hex,
      '55c60a3b80d3616a08705afd0459e75fe9f03c54aba7a46e4002a41a72fa0d5b',
    );
  });

  test('entries may carry a directory: names are compared by their last component', () => {
    assert.equal(parseChecksumFile(`${SHA256_A}  ./images/image.qcow2\n`, 'image.qcow2').hex, SHA256_A);
  });

  test("coreutils' escaped names (leading backslash) are unescaped", () => {
    assert.equal(parseChecksumFile(`\\${SHA256_A}  odd\\\\name.qcow2\n`, 'odd\\name.qcow2').hex, SHA256_A);
  });

  test('the strongest algorithm listed for the file is used', () => {
    const text = `SHA256 (image.qcow2) = ${SHA256_A}\nSHA512 (image.qcow2) = ${SHA512_C}\n`;
    assert.deepEqual(parseChecksumFile(text, 'image.qcow2'), { algorithm: 'sha512', hex: SHA512_C });
  });

  test('a file listed twice with the same digest is fine', () => {
    assert.equal(
      parseChecksumFile(`${SHA256_A}  image.qcow2\n${SHA256_A} *image.qcow2\n`, 'image.qcow2').hex,
      SHA256_A,
    );
  });
});

describe('errors name the checksum file, the image file and the fix', () => {
  const source = 'https://cloud-images.ubuntu.com/releases/noble/release/SHA256SUMS';

  test('a file it does not list: the closest names it does list are shown', () => {
    throwsSolstice(
      () => parseChecksumFile(fixture('ubuntu-24.04-SHA256SUMS'), 'noble-server-cloudimg-amd64.img', source),
      source,
      'no entry for noble-server-cloudimg-amd64.img',
      '9 files, the closest: ubuntu-24.04-server-cloudimg-amd64.img',
      'check both',
    );
    throwsSolstice(
      () => parseChecksumFile(`${SHA256_A}  other.qcow2\n`, 'image.qcow2'),
      'the checksum file has no entry for image.qcow2; it lists only other.qcow2.',
    );
  });

  test('an HTML error page or an empty body is not a checksum file', () => {
    throwsSolstice(
      () => parseChecksumFile('<html><body>404 Not Found</body></html>\n', 'image.qcow2', source),
      source,
      'is not a checksum file',
      "'<html>",
    );
    throwsSolstice(() => parseChecksumFile('\n\n', 'image.qcow2', source), 'is not a checksum file (it is empty)');
  });

  test('a bare digest of unknown length is not accepted', () => {
    throwsSolstice(
      () => parseChecksumFile('d41d8cd98f00b204e9800998ecf8427e\n', 'image.qcow2'),
      'is not a checksum file',
    );
  });

  test('a digest Solstice does not verify (MD5) is refused, not ignored silently', () => {
    throwsSolstice(
      () => parseChecksumFile('MD5 (image.qcow2) = d41d8cd98f00b204e9800998ecf8427e\n', 'image.qcow2'),
      'only a MD5 digest',
      'sha256 or sha512',
      'image-checksum',
    );
    throwsSolstice(
      () => parseChecksumFile('d41d8cd98f00b204e9800998ecf8427e  image.qcow2\n', 'image.qcow2'),
      'only a 128-bit digest',
    );
  });

  test('two different digests for one file', () => {
    throwsSolstice(
      () => parseChecksumFile(`${SHA256_A}  image.qcow2\n${SHA256_B}  image.qcow2\n`, 'image.qcow2'),
      '2 different sha256 digests for image.qcow2',
    );
  });

  test('a truncated or tampered signed message', () => {
    const signed = fixture('fedora-44-aarch64-CHECKSUM');
    const name = 'Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2';
    throwsSolstice(
      () => parseChecksumFile(signed.slice(0, signed.indexOf('-----BEGIN PGP SIGNATURE-----')), name),
      'has no signature block',
      'truncated',
    );
    throwsSolstice(
      () => parseChecksumFile(signed.replace('-----END PGP SIGNATURE-----', ''), name),
      'signature block does not end',
    );
    throwsSolstice(
      () => parseChecksumFile(`SHA256 (${name}) = ${SHA256_A}\n${signed}`, name),
      'text outside the signed message',
    );
    throwsSolstice(
      () => parseChecksumFile(signed.replace('Hash: SHA256\n', `Hash: SHA256\nSHA256 (${name}) = ${SHA256_A}\n`), name),
      'its header has the line',
    );
  });
});
