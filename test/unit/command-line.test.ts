import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeOption, qemuArguments, type VmSpec } from '../../src/qemu/command-line.js';

const spec: VmSpec = {
  name: 'solstice-abc', accel: 'tcg', cpus: 2, memoryMiB: 2048, diskPath: '/tmp/j/disk.qcow2', seedPath: '/tmp/j/seed.iso',
  sshPort: 40022, consoleLogPath: '/tmp/console.log', qmpSocketPath: '/tmp/j/qmp.sock', pidFilePath: '/tmp/j/qemu.pid',
};
const option = (args: string[], flag: string) => args.filter((_, index) => args[index - 1] === flag);

describe('QEMU command line', () => {
  it('uses the pc machine so the IDE seed CD stays on PIIX (q35 would hide it on AHCI)', () => {
    assert.deepEqual(option(qemuArguments(spec), '-machine'), ['pc,accel=tcg']);
  });
  it('boots the overlay as virtio and the seed as a read-only IDE CD-ROM', () => {
    assert.deepEqual(option(qemuArguments(spec), '-drive'), [
      'file=/tmp/j/disk.qcow2,if=virtio,format=qcow2,discard=unmap',
      'file=/tmp/j/seed.iso,media=cdrom,if=ide,format=raw,readonly=on',
    ]);
  });
  it('forwards SSH on loopback only, with user-mode networking', () => {
    assert.deepEqual(option(qemuArguments(spec), '-netdev'), ['user,id=net0,hostfwd=tcp:127.0.0.1:40022-:22']);
  });
  it('has QMP, a logged serial console, virtio-rng, no display and a pid file', () => {
    const args = qemuArguments(spec);
    assert.deepEqual(option(args, '-qmp'), ['unix:/tmp/j/qmp.sock,server=on,wait=off']);
    assert.deepEqual(option(args, '-chardev'), ['file,id=console,path=/tmp/console.log']);
    assert.deepEqual(option(args, '-serial'), ['chardev:console']);
    assert.ok(option(args, '-device').includes('virtio-rng-pci'));
    assert.deepEqual(option(args, '-display'), ['none']);
    assert.ok(args.includes('-nodefaults'));
    assert.deepEqual(option(args, '-pidfile'), ['/tmp/j/qemu.pid']);
  });
  it('uses the host CPU under KVM and the full TCG model otherwise', () => {
    assert.deepEqual(option(qemuArguments({ ...spec, accel: 'kvm' }), '-cpu'), ['host']);
    assert.deepEqual(option(qemuArguments(spec), '-cpu'), ['max']);
    assert.deepEqual(option(qemuArguments(spec), '-smp'), ['2']);
    assert.deepEqual(option(qemuArguments(spec), '-m'), ['2048M']);
  });
  it('names the process after the VM so leftovers can be found', () => {
    assert.deepEqual(option(qemuArguments(spec), '-name'), ['solstice-abc,process=solstice-abc']);
  });
  it('doubles commas in paths (QEMU option syntax)', () => {
    assert.equal(escapeOption('/a,b/disk'), '/a,,b/disk');
    assert.match(option(qemuArguments({ ...spec, diskPath: '/x,y/d.qcow2' }), '-drive')[0]!, /^file=\/x,,y\/d\.qcow2,if=virtio/);
  });
});
