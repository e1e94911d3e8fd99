/** Each seed dialect's medium, byte-exact where the format is fixed (pure functions, no guest). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DIALECT_USERLAND, seedDevice, type SeedDialect } from '../../src/core/guest-userland.js';
import { buildCpio } from '../../src/seed/cpio.js';
import { cloudbaseInitDocuments } from '../../src/seed/cloudbase-init.js';
import { hostKeyScript, HOST_KEY_INSTALLED } from '../../src/seed/host-key-script.js';
import { IGNITION_VERSION, ignitionConfig } from '../../src/seed/ignition.js';
import { illumosCpioDisk } from '../../src/seed/illumos-cpio.js';
import { metaData } from '../../src/seed/meta-data.js';
import { seedMedium } from '../../src/seed/seed.js';
import type { SeedSpec } from '../../src/seed/seed-spec.js';
import { generateEd25519 } from '../../src/ssh/keys.js';

const hostKey = generateEd25519('host');
const login = generateEd25519('login');
const specFor = (seed: SeedDialect, user = 'runner'): SeedSpec => ({
  instanceId: 'solstice-7',
  hostname: 'solstice-7',
  user,
  authorizedKeys: [login.publicKey],
  hostKey,
  guest: { seed, userland: DIALECT_USERLAND[seed] },
});

/** The volume identifier of an ISO 9660 image (primary volume descriptor, sector 16, bytes 40–71). */
const volumeId = (image: Buffer) =>
  image
    .subarray(16 * 2048 + 40, 16 * 2048 + 72)
    .toString('ascii')
    .trimEnd();

/** The members of an odc cpio archive: name, mode, data. */
function readOdc(archive: Buffer): { name: string; mode: number; data: string }[] {
  const members = [];
  let at = 0;
  for (;;) {
    const header = archive.subarray(at, at + 76).toString('ascii');
    assert.equal(header.slice(0, 6), '070707', `odc magic at ${at}`);
    const field = (offset: number, width: number) => parseInt(header.slice(offset, offset + width), 8);
    const nameSize = field(59, 6);
    const dataSize = field(65, 11);
    const name = archive.subarray(at + 76, at + 76 + nameSize - 1).toString('ascii');
    if (name === 'TRAILER!!!') return members;
    const data = archive.subarray(at + 76 + nameSize, at + 76 + nameSize + dataSize).toString('utf8');
    members.push({ name, mode: field(18, 6), data });
    at += 76 + nameSize + dataSize;
  }
}

describe('seed dialects', () => {
  it('each reader gets its own device: CD-ROM, a raw disk, or the fw_cfg name Ignition reads', () => {
    assert.deepEqual(seedDevice('cloud-config'), { kind: 'cdrom' });
    assert.deepEqual(seedDevice('tini-sh'), { kind: 'cdrom' });
    assert.deepEqual(seedDevice('cloudbase-init'), { kind: 'cdrom' });
    assert.deepEqual(seedDevice('illumos-cpio'), { kind: 'disk' });
    assert.deepEqual(seedDevice('ignition'), { kind: 'fw_cfg', name: 'opt/com.coreos/config' });
  });

  it('cloud-config and cloudbase-init volumes are labelled cidata; cloud-tini wants CIDATA exactly', () => {
    assert.equal(volumeId(seedMedium(specFor('cloud-config'))!), 'cidata');
    assert.equal(volumeId(seedMedium(specFor('cloudbase-init'))!), 'cidata');
    assert.equal(volumeId(seedMedium(specFor('tini-sh'))!), 'CIDATA');
  });

  it('an odc cpio header is byte-exact: magic, octal fields, the name with its NUL, no padding between members', () => {
    const archive = buildCpio([{ name: 'nodename', data: Buffer.from('vm\n'), mode: 0o644 }], new Date(0));
    const expected =
      '070707' +
      '000000' +
      '000001' +
      '100644' +
      '000000' +
      '000000' +
      '000001' +
      '000000' +
      '00000000000' +
      '000011' +
      '00000000003' +
      'nodename\0' +
      'vm\n';
    assert.equal(archive.subarray(0, expected.length).toString('latin1'), expected);
    const trailer = archive.subarray(expected.length, expected.length + 76 + 11).toString('latin1');
    assert.equal(
      trailer,
      `070707${'0'.repeat(30)}000001${'0'.repeat(6)}${'0'.repeat(11)}000013${'0'.repeat(11)}TRAILER!!!\0`,
    );
    assert.equal(archive.length % 512, 0, 'whole sectors: a raw disk');
    assert.ok(
      archive.subarray(expected.length + 87).every((byte) => byte === 0),
      'zero padding',
    );
  });

  it('illumos-cpio: nodename, authorized_keys for root and an executable firstboot.sh with its interpreter line', () => {
    const members = readOdc(illumosCpioDisk(specFor('illumos-cpio', 'root')));
    assert.deepEqual(
      members.map(({ name, mode }) => [name, mode.toString(8)]),
      [
        ['nodename', '100644'],
        ['authorized_keys', '100600'],
        ['firstboot.sh', '100700'],
      ],
    );
    assert.equal(members[0]!.data, 'solstice-7\n');
    assert.equal(members[1]!.data, `${login.publicKey}\n`);
    assert.ok(members[2]!.data.startsWith('#!/bin/sh\n'), 'the agent runs only a script with an interpreter line');
    assert.ok(members[2]!.data.includes('svcadm restart svc:/network/ssh:default'));
    // GNU cpio (what `cpio -o` users have) reads it as odc, name for name.
    const listed = spawnSync('cpio', ['-it', '--quiet'], { input: illumosCpioDisk(specFor('illumos-cpio', 'root')) });
    assert.equal(listed.status, 0, listed.stderr?.toString());
    assert.deepEqual(listed.stdout.toString().split('\n').filter(Boolean), [
      'nodename',
      'authorized_keys',
      'firstboot.sh',
    ]);
  });

  it('meta-data gives each key one line, however long (small readers parse no folded YAML)', () => {
    const long = generateEd25519(`solstice-${'x'.repeat(60)}`);
    const text = metaData({ ...specFor('tini-sh'), authorizedKeys: [long.publicKey] });
    assert.ok(text.split('\n').includes(`  - ${long.publicKey}`), text);
  });

  it('tini-sh: meta-data carries the key and host name; user-data is a root sh script, not cloud-config', () => {
    const spec = specFor('tini-sh', 'openbsd');
    const image = seedMedium(spec)!;
    const text = image.toString('latin1');
    const meta = parse(text.slice(text.indexOf('instance-id:'), text.indexOf('\0', text.indexOf('instance-id:'))));
    assert.deepEqual(meta, {
      'instance-id': 'solstice-7',
      'local-hostname': 'solstice-7',
      'public-keys': [login.publicKey],
    });
    assert.ok(text.includes(hostKeyScript(spec)), 'user-data is the host key script');
    assert.ok(!text.includes('#cloud-config'));
  });

  it('the host key script is POSIX sh, puts exactly the pinned key in place and reloads the server the entry names', () => {
    for (const sshd of ['openssh', 'dropbear'] as const) {
      const spec = specFor('tini-sh', 'openbsd');
      spec.guest = {
        ...spec.guest,
        userland: { ...spec.guest.userland, sshd, sshdReload: '/etc/init.d/dropbear restart' },
      };
      const script = hostKeyScript(spec);
      for (const shell of ['dash', 'sh']) {
        const check = spawnSync(shell, ['-n'], { input: script, encoding: 'utf8' });
        assert.equal(check.status, 0, `${shell} -n: ${check.stderr}`);
      }
      assert.ok(script.includes(hostKey.privateKey.trim()));
      assert.ok(script.includes('/etc/init.d/dropbear restart ||'));
      assert.ok(script.trimEnd().endsWith(`echo '${HOST_KEY_INSTALLED.replaceAll("'", "'\\''")}'`));
      if (sshd === 'dropbear') assert.match(script, /dropbearconvert openssh dropbear/);
      else assert.match(script, /rm -f \/etc\/ssh\/ssh_host_\*key /);
    }
  });

  it('ignition: spec 3.4.0 JSON with the user, its key and group, the host key and hostname as data URLs', () => {
    const config = JSON.parse(ignitionConfig(specFor('ignition', 'runner')));
    assert.equal(config.ignition.version, IGNITION_VERSION);
    assert.deepEqual(config.passwd.users, [
      { name: 'runner', sshAuthorizedKeys: [login.publicKey], groups: ['wheel'] },
    ]);
    const files = Object.fromEntries(
      config.storage.files.map((file: { path: string; mode: number; contents: { source: string } }) => [
        file.path,
        { mode: file.mode, text: Buffer.from(file.contents.source.replace(/^data:;base64,/, ''), 'base64').toString() },
      ]),
    );
    assert.deepEqual(files['/etc/ssh/ssh_host_ed25519_key'], { mode: 0o600, text: `${hostKey.privateKey.trim()}\n` });
    assert.deepEqual(files['/etc/hostname'], { mode: 0o644, text: 'solstice-7\n' });
    assert.equal(config.systemd.units[0].enabled, true);
  });

  it('cloudbase-init: the admin account and key in meta-data, a #ps1_sysnative script that pins the host key', () => {
    const { 'meta-data': meta, 'user-data': user } = cloudbaseInitDocuments(specFor('cloudbase-init', 'runner'));
    assert.deepEqual(parse(meta)['admin-username'], 'runner');
    assert.deepEqual(parse(meta)['public-keys'], [login.publicKey]);
    assert.ok(user.startsWith('#ps1_sysnative\r\n'));
    assert.ok(user.includes(hostKey.privateKey.trim()));
    assert.match(user, /Restart-Service sshd/);
  });
});
