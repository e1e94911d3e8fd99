import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeOption, QEMU_BINARY, qemuArguments, type VmSpec } from '../../src/qemu/command-line.js';
import { UEFI_FIRMWARE } from '../../src/qemu/firmware.js';
import { listsRomProperty } from '../../src/qemu/ram-readonly.js';

const spec: VmSpec = {
  name: 'solstice-abc',
  arch: 'x86_64',
  accel: 'tcg',
  cpus: 2,
  memoryMiB: 2048,
  diskPath: '/tmp/j/disk.qcow2',
  seed: { path: '/tmp/j/seed.iso', device: { kind: 'cdrom' } },
  sshPort: 40022,
  consoleLogPath: '/tmp/console.log',
  qmpSocketPath: '/tmp/j/qmp.sock',
  pidFilePath: '/tmp/j/qemu.pid',
};
const option = (args: string[], flag: string) => args.filter((_, index) => args[index - 1] === flag);

describe('QEMU command line', () => {
  it("puts each dialect's seed where its reader looks: a cpio disk on virtio, Ignition in fw_cfg", () => {
    const cpio = qemuArguments({ ...spec, seed: { path: '/tmp/j/seed', device: { kind: 'disk' } } });
    assert.deepEqual(option(cpio, '-drive')[1], 'file=/tmp/j/seed,if=virtio,format=raw,readonly=on');
    const ignition = qemuArguments({
      ...spec,
      seed: { path: '/tmp/j,odd/seed', device: { kind: 'fw_cfg', name: 'opt/com.coreos/config' } },
    });
    assert.deepEqual(option(ignition, '-fw_cfg'), ['name=opt/com.coreos/config,file=/tmp/j,,odd/seed']);
    assert.equal(option(ignition, '-drive').length, 1, 'only the root disk: no CD-ROM');
  });
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
  it('network: false restricts user-mode networking: nothing out, the SSH forward still in', () => {
    assert.deepEqual(option(qemuArguments({ ...spec, isolated: true }), '-netdev'), [
      'user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:40022-:22',
    ]);
  });
  it('has QMP, a logged serial console, virtio-rng, no display and a pid file', () => {
    const args = qemuArguments(spec);
    assert.deepEqual(option(args, '-qmp'), ['unix:/tmp/j/qmp.sock,server=on,wait=off']);
    assert.deepEqual(option(args, '-chardev'), ['file,id=console,path=/tmp/console.log,append=on']);
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
    assert.match(
      option(qemuArguments({ ...spec, diskPath: '/x,y/d.qcow2' }), '-drive')[0]!,
      /^file=\/x,,y\/d\.qcow2,if=virtio/,
    );
  });

  it('aarch64: qemu-system-aarch64, the virt machine, UEFI flash first, the seed as a read-only virtio disk after the root disk', () => {
    const uefi = { codePath: UEFI_FIRMWARE.aarch64.code, varsPath: '/tmp/j/uefi-vars.fd' };
    const args = qemuArguments({ ...spec, arch: 'aarch64', uefi });
    assert.equal(QEMU_BINARY.aarch64, 'qemu-system-aarch64');
    assert.deepEqual(option(args, '-machine'), ['virt,accel=tcg']);
    assert.deepEqual(option(args, '-cpu'), ['max,pauth-impdef=on']);
    assert.deepEqual(option(args, '-drive'), [
      'if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd',
      'if=pflash,format=raw,unit=1,file=/tmp/j/uefi-vars.fd',
      'file=/tmp/j/disk.qcow2,if=virtio,format=qcow2,discard=unmap',
      'file=/tmp/j/seed.iso,if=virtio,format=raw,readonly=on',
    ]);
    assert.ok(!args.some((arg) => arg.includes('if=ide')), 'virt has no IDE');
  });
  it('x86_64 with UEFI: OVMF flash, still the pc machine and the IDE seed', () => {
    const args = qemuArguments({ ...spec, uefi: { codePath: UEFI_FIRMWARE.x86_64.code, varsPath: '/tmp/j/vars.fd' } });
    assert.deepEqual(option(args, '-machine'), ['pc,accel=tcg']);
    assert.equal(
      option(args, '-drive')[0],
      'if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd',
    );
    assert.equal(option(args, '-drive')[3], 'file=/tmp/j/seed.iso,media=cdrom,if=ide,format=raw,readonly=on');
  });
  it('warm start: the template writes its RAM file (shared), a clone maps it private and waits for its state; both have the same devices', () => {
    const warm = { memoryPath: '/cache/t/memory', agentSocketPath: '/tmp/j/agent.sock' };
    const template = qemuArguments({ ...spec, warm: { ...warm, role: 'template' } });
    const clone = qemuArguments({ ...spec, warm: { ...warm, role: 'clone' } });
    assert.deepEqual(option(template, '-object'), [
      'memory-backend-file,id=ram,size=2048M,mem-path=/cache/t/memory,share=on',
    ]);
    assert.deepEqual(option(clone, '-object'), [
      'memory-backend-file,id=ram,size=2048M,mem-path=/cache/t/memory,share=off',
    ]);
    assert.ok(!option(clone, '-object')[0]!.includes('readonly'), "QEMU 7.2's readonly=on would make the RAM a ROM");
    assert.deepEqual(option(clone, '-machine'), ['pc,accel=tcg,memory-backend=ram']);
    assert.deepEqual(option(clone, '-incoming'), ['defer']);
    assert.deepEqual(option(template, '-incoming'), []);
    const devices = (args: string[]) => option(args, '-device');
    assert.deepEqual(devices(clone), devices(template), 'a migration needs the same devices');
    assert.ok(devices(clone).includes('vmgenid'));
    assert.ok(
      devices(clone).some((device) => device.startsWith('virtserialport,') && device.endsWith('name=solstice.agent')),
    );
  });
  it('warm start: where QEMU has rom=off (8.2+), a clone opens the RAM file read-only and maps it private', () => {
    const warm = { memoryPath: '/cache/t/memory', agentSocketPath: '/tmp/j/agent.sock' };
    const clone = qemuArguments({ ...spec, warm: { ...warm, role: 'clone', readOnlyRam: true } });
    assert.deepEqual(option(clone, '-object'), [
      'memory-backend-file,id=ram,size=2048M,mem-path=/cache/t/memory,share=off,readonly=on,rom=off',
    ]);
    const template = qemuArguments({ ...spec, warm: { ...warm, role: 'template', readOnlyRam: true } });
    assert.deepEqual(
      option(template, '-object'),
      ['memory-backend-file,id=ram,size=2048M,mem-path=/cache/t/memory,share=on'],
      'the template writes its RAM file',
    );
  });
  it("QEMU's rom property is recognised in memory-backend-file's help (8.2+), and its absence (7.2)", () => {
    const qemu72 =
      'memory-backend-file options:\n  align=<int>\n  readonly=<bool>\n  share=<bool>           - Mark the memory as private to QEMU or shared\n';
    const qemu82 = `${qemu72}  rom=<OnOffAuto>        - Whether to create Read Only Memory (ROM)\n`;
    assert.equal(listsRomProperty(qemu72), false);
    assert.equal(listsRomProperty(qemu82), true);
    assert.equal(listsRomProperty(''), false, 'a QEMU that printed nothing gets no readonly');
  });
  it('a cold boot has no RAM file, no vmgenid, no agent port and no -incoming', () => {
    const args = qemuArguments(spec);
    for (const flag of ['-object', '-incoming']) assert.deepEqual(option(args, flag), []);
    assert.deepEqual(option(args, '-device'), ['virtio-net-pci,netdev=net0', 'virtio-rng-pci']);
  });
});
