import type { UefiFlash } from './firmware.js';
import type { SeedDevice } from '../core/guest-userland.js';
import { hostForwardRule, sshForward } from './host-forward.js';
import type { Arch, Accel } from '../core/vocabulary.js';

/** Everything that decides one VM's QEMU command line. */
export interface VmSpec {
  /** Shown in `ps` and used to find a leftover QEMU of this job. */
  name: string;
  arch: Arch;
  accel: Accel;
  /** UEFI flash images; BIOS (SeaBIOS) when absent. */
  uefi?: UefiFlash;
  /** No connections out of the guest (SLIRP `restrict=on`): the SSH forward still reaches it. */
  isolated?: boolean;
  cpus: number;
  memoryMiB: number;
  diskPath: string;
  /** The seed medium, on the device its dialect's reader looks at. */
  seed: { path: string; device: SeedDevice };
  sshPort: number;
  /**
   * seed: console: the SSH forward is added only once the guest is provisioned (QMP hostfwd_add), and the
   * serial console is also a socket at this path, which Solstice types into.
   */
  provisionOverConsole?: { consoleSocketPath: string };
  consoleLogPath: string;
  qmpSocketPath: string;
  pidFilePath: string;
  /** Warm start (both the template and its clones): see WarmMachine. */
  warm?: WarmMachine;
}

/**
 * A machine that can be saved and restored many times. Its RAM lives in a file: the template writes it
 * (shared mapping), each clone maps it copy-on-write (private), so clones share the unchanged pages and
 * load them lazily. Template and clones have the same devices (a migration needs them): `vmgenid` (each
 * QEMU picks a new generation ID; a guest kernel with the driver reseeds its RNG on the change) and a
 * virtio-serial port through which a clone's first command arrives without an SSH login.
 */
export interface WarmMachine {
  memoryPath: string;
  role: 'template' | 'clone';
  /** The host end of the guest agent's virtio-serial port (warm/agent.ts), a unix socket QEMU listens on. */
  agentSocketPath: string;
  /** A clone opens the RAM file read-only too (`readonly=on,rom=off`): QEMU 8.2+, see qemu/ram-readonly.ts. */
  readOnlyRam?: boolean;
}

/** The virtio-serial port's name, as the guest sees it in /sys/class/virtio-ports/<port>/name. */
export const AGENT_PORT_NAME = 'solstice.agent';

const RAM_BACKEND_ID = 'ram';

export const QEMU_X86_64 = 'qemu-system-x86_64';

/** The serial console's chardev, for QMP (chardev-change cuts off a flooding guest). */
export const CONSOLE_CHARDEV_ID = 'console';

/** The emulator for each guest architecture (Debian: qemu-system-x86, qemu-system-arm). */
export const QEMU_BINARY: Record<Arch, string> = { x86_64: QEMU_X86_64, aarch64: 'qemu-system-aarch64' };

/**
 * The arguments for QEMU_BINARY[spec.arch] (no shell ever sees them).
 * x86_64: `pc` (i440fx), not q35: q35 puts if=ide on AHCI, which cloud kernels lack, so the seed CD would
 * vanish; the seed is an IDE CD-ROM so the root disk stays the first virtio disk, as cloud images expect.
 * aarch64: the `virt` machine has no IDE; the seed is a second, read-only virtio disk (cloud-init finds
 * it by its `cidata` label, not its position), and UEFI is the only firmware.
 * A seed that is a disk (illumos' cpio) is a second read-only virtio disk on both; an Ignition config
 * is a fw_cfg file.
 */
export function qemuArguments(spec: VmSpec): string[] {
  const ramBackend = spec.warm ? `,memory-backend=${RAM_BACKEND_ID}` : '';
  const machine = [
    '-machine',
    spec.arch === 'aarch64' ? `virt,accel=${spec.accel}${ramBackend}` : `pc,accel=${spec.accel}${ramBackend}`,
    ...seedArguments(spec),
  ];
  return [
    '-name',
    `${spec.name},process=${spec.name}`,
    // Under TCG, aarch64's architected pointer authentication is emulated slowly; the implementation-defined
    // algorithm is as good for a test VM and saves 4–5 s of boot (guest/TINY.md).
    '-cpu',
    spec.accel === 'kvm' ? 'host' : spec.arch === 'aarch64' ? 'max,pauth-impdef=on' : 'max',
    '-smp',
    String(spec.cpus),
    '-m',
    `${spec.memoryMiB}M`,
    ...(spec.warm ? warmArguments(spec.warm, spec.memoryMiB) : []),
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    ...(spec.uefi
      ? [
          '-drive',
          `if=pflash,format=raw,unit=0,readonly=on,file=${escapeOption(spec.uefi.codePath)}`,
          '-drive',
          `if=pflash,format=raw,unit=1,file=${escapeOption(spec.uefi.varsPath)}`,
        ]
      : []),
    // The root disk first, so it is the first virtio disk (vda) as cloud images expect.
    '-drive',
    `file=${escapeOption(spec.diskPath)},if=virtio,format=qcow2,discard=unmap`,
    ...machine,
    '-netdev',
    `user,id=net0${spec.isolated ? ',restrict=on' : ''}${spec.provisionOverConsole ? '' : `,hostfwd=${hostForwardRule(sshForward(spec.sshPort))}`}`,
    '-device',
    'virtio-net-pci,netdev=net0',
    '-device',
    'virtio-rng-pci',
    // Appended: a boot retry's QEMU continues the same console log.
    '-chardev',
    consoleChardev(spec),
    '-serial',
    `chardev:${CONSOLE_CHARDEV_ID}`,
    '-qmp',
    `unix:${escapeOption(spec.qmpSocketPath)},server=on,wait=off`,
    '-pidfile',
    spec.pidFilePath,
  ];
}

/** The console's chardev: the log file (appended: a boot retry's QEMU continues it), or a socket that also logs. */
function consoleChardev(spec: VmSpec): string {
  const log = escapeOption(spec.consoleLogPath);
  return spec.provisionOverConsole
    ? `socket,id=${CONSOLE_CHARDEV_ID},path=${escapeOption(spec.provisionOverConsole.consoleSocketPath)},server=on,wait=off,logfile=${log},logappend=on`
    : `file,id=${CONSOLE_CHARDEV_ID},path=${log},append=on`;
}

function seedArguments({ arch, seed }: VmSpec): string[] {
  if (seed.device.kind === 'none') return [];
  const file = escapeOption(seed.path);
  if (seed.device.kind === 'fw_cfg') return ['-fw_cfg', `name=${escapeOption(seed.device.name)},file=${file}`];
  if (seed.device.kind === 'cdrom' && arch === 'x86_64')
    return ['-drive', `file=${file},media=cdrom,if=ide,format=raw,readonly=on`];
  return ['-drive', `file=${file},if=virtio,format=raw,readonly=on`];
}

/**
 * The RAM file and the generation ID device; a clone also waits for its saved state (QMP migrate-incoming)
 * instead of booting. A clone's private mapping leaves the file untouched; where QEMU has `rom=off` the
 * file is also opened read-only. (QEMU 7.2's `readonly=on` alone would map the RAM itself read-only and the
 * clone would never run.)
 */
function warmArguments(warm: WarmMachine, memoryMiB: number): string[] {
  const mapping =
    warm.role === 'template' ? 'share=on' : warm.readOnlyRam ? 'share=off,readonly=on,rom=off' : 'share=off';
  return [
    '-object',
    `memory-backend-file,id=${RAM_BACKEND_ID},size=${memoryMiB}M,mem-path=${escapeOption(warm.memoryPath)},${mapping}`,
    '-device',
    'vmgenid',
    '-device',
    'virtio-serial-pci,id=agent-bus',
    '-chardev',
    `socket,id=agent,path=${escapeOption(warm.agentSocketPath)},server=on,wait=off`,
    '-device',
    `virtserialport,bus=agent-bus.0,chardev=agent,name=${AGENT_PORT_NAME}`,
    ...(warm.role === 'clone' ? ['-incoming', 'defer'] : []),
  ];
}

/** QEMU option values are comma-separated: a literal comma is written twice. */
export function escapeOption(value: string): string {
  return value.replaceAll(',', ',,');
}
