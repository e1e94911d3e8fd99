import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_GUEST } from '../../src/config/job.js';
import { userData } from '../../src/seed/cloud-config.js';
import { metaData } from '../../src/seed/meta-data.js';
import type { SeedSpec } from '../../src/seed/seed-spec.js';
import { PENALTY_EXEMPTION_FILE } from '../../src/seed/sshd-settings.js';
import { generateEd25519 } from '../../src/ssh/keys.js';
import { resolveImage } from '../../src/catalog/catalog.js';

const hostKey = generateEd25519('host');
const login = generateEd25519('login');
const spec: SeedSpec = {
  instanceId: 'solstice-1',
  hostname: 'solstice-1',
  user: 'runner',
  authorizedKeys: [login.publicKey],
  hostKey,
  guest: DEFAULT_GUEST,
};

describe('cloud-init documents', () => {
  it('user-data is #cloud-config YAML with one user, the job key and passwordless sudo', () => {
    const text = userData(spec);
    assert.ok(text.startsWith('#cloud-config\n'));
    const config = parse(text);
    assert.equal(config.users.length, 1);
    assert.equal(config.users[0].name, 'runner');
    assert.deepEqual(config.users[0].ssh_authorized_keys, [login.publicKey]);
    assert.equal(config.users[0].sudo, 'ALL=(ALL) NOPASSWD:ALL');
    assert.equal(config.users[0].lock_passwd, true);
    assert.equal(config.ssh_pwauth, undefined, 'setting it restarts sshd mid-job');
    assert.equal(config.hostname, 'solstice-1');
  });
  it('installs exactly the generated host key and generates none', () => {
    const config = parse(userData(spec));
    assert.equal(config.ssh_keys.ed25519_private, hostKey.privateKey);
    assert.equal(config.ssh_keys.ed25519_public, hostKey.publicKey);
    assert.equal(config.ssh_deletekeys, true);
    assert.deepEqual(config.ssh_genkeytypes, ['ed25519'], 'only the type we provide, so nothing is generated');
  });
  it('per-OS accounts: the admin group and shell of the catalog entry; none for image-url guests', () => {
    const plain = parse(userData(spec)).users[0];
    assert.equal(plain.groups, undefined, 'image-url: cloud-init defaults, the sudo rule alone gives root');
    assert.equal(plain.shell, undefined);
    const rhelLike = parse(userData({ ...spec, guest: { ...DEFAULT_GUEST, adminGroup: 'wheel', shell: '/bin/bash' } }))
      .users[0];
    assert.deepEqual(rhelLike.groups, ['wheel']);
    assert.equal(rhelLike.shell, '/bin/bash');
    assert.equal(rhelLike.sudo, 'ALL=(ALL) NOPASSWD:ALL');
    const freebsd = resolveImage('freebsd-14', 'x86_64');
    const bsd = parse(
      userData({
        ...spec,
        guest: { ...DEFAULT_GUEST, adminGroup: freebsd.entry.sudoGroup, shell: freebsd.entry.shell },
      }),
    ).users[0];
    assert.deepEqual(bsd.groups, ['wheel']);
    assert.equal(bsd.shell, '/bin/sh');
    const ubuntu = resolveImage('ubuntu-24.04', 'x86_64');
    assert.deepEqual(
      parse(userData({ ...spec, guest: { ...DEFAULT_GUEST, adminGroup: ubuntu.entry.sudoGroup } })).users[0].groups,
      ['sudo'],
    );
  });
  it('a doas userland (Alpine) gets a doas rule besides the sudo one', () => {
    const alpine = resolveImage('alpine-3.24', 'x86_64').entry;
    const user = parse(userData({ ...spec, guest: { ...DEFAULT_GUEST, userland: alpine.userland } })).users[0];
    assert.deepEqual(user.doas, ['permit nopass runner']);
    assert.equal(parse(userData(spec)).users[0].doas, undefined);
  });
  it("exempts the SLIRP gateway from sshd's per-source penalties, only where sshd echoes the option back", () => {
    const [command, ...others] = parse(userData(spec)).bootcmd as string[];
    assert.deepEqual(others, [], 'one boot command');
    // The write is conditional on sshd's own reading of the option (the guests test both outcomes).
    const [check, write] = command!.split('; then ');
    assert.match(
      check!,
      /^if \/usr\/sbin\/sshd -G -f \/dev\/null -o PerSourcePenaltyExemptList=10\.0\.2\.2 .*\| grep -qx 'persourcepenaltyexemptlist 10\.0\.2\.2'$/,
    );
    assert.match(
      write!,
      new RegExp(`echo 'PerSourcePenaltyExemptList 10\\.0\\.2\\.2' > ${PENALTY_EXEMPTION_FILE}; fi$`),
    );
    assert.match(
      PENALTY_EXEMPTION_FILE,
      /^\/etc\/ssh\/sshd_config\.d\/00-[\w-]+\.conf$/,
      'a drop-in that sorts first (the first value wins)',
    );
  });
  it('meta-data names the instance and host, and carries the job key for readers that key from it', () => {
    assert.deepEqual(parse(metaData(spec)), {
      'instance-id': 'solstice-1',
      'local-hostname': 'solstice-1',
      'public-keys': [login.publicKey],
    });
  });
});
