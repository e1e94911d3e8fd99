import type { Accel } from '../config/job.js';

/** Everything that decides one VM's QEMU command line. */
export interface VmSpec {
  /** Shown in `ps` and used to find a leftover QEMU of this job. */
  name: string;
  accel: Accel;
  cpus: number;
  memoryMiB: number;
  diskPath: string;
  seedPath: string;
  sshPort: number;
  consoleLogPath: string;
  qmpSocketPath: string;
  pidFilePath: string;
}

export const QEMU_X86_64 = 'qemu-system-x86_64';

/**
 * The arguments for qemu-system-x86_64 (no shell ever sees them).
 * `pc` (i440fx), not q35: q35 puts if=ide on AHCI, which cloud kernels lack, so the seed CD would vanish.
 * The seed is an IDE CD-ROM so the root disk stays the first virtio disk, as cloud images expect.
 */
export function qemuArguments(spec: VmSpec): string[] {
  return [
    '-name', `${spec.name},process=${spec.name}`,
    '-machine', `pc,accel=${spec.accel}`,
    '-cpu', spec.accel === 'kvm' ? 'host' : 'max',
    '-smp', String(spec.cpus),
    '-m', `${spec.memoryMiB}M`,
    '-nodefaults',
    '-no-user-config',
    '-display', 'none',
    '-drive', `file=${escapeOption(spec.diskPath)},if=virtio,format=qcow2,discard=unmap`,
    '-drive', `file=${escapeOption(spec.seedPath)},media=cdrom,if=ide,format=raw,readonly=on`,
    '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${spec.sshPort}-:22`,
    '-device', 'virtio-net-pci,netdev=net0',
    '-device', 'virtio-rng-pci',
    '-chardev', `file,id=console,path=${escapeOption(spec.consoleLogPath)}`,
    '-serial', 'chardev:console',
    '-qmp', `unix:${escapeOption(spec.qmpSocketPath)},server=on,wait=off`,
    '-pidfile', spec.pidFilePath,
  ];
}

/** QEMU option values are comma-separated: a literal comma is written twice. */
export function escapeOption(value: string): string {
  return value.replaceAll(',', ',,');
}
