/**
 * What a guest OS is like, as data (catalog entries, a project's own catalog file): which first-boot
 * reader seeds it (the seed dialect) and the userland the job's commands meet there.
 */

/**
 * The first-boot readers Solstice writes a seed for:
 * - cloud-config: cloud-init and FreeBSD's nuageinit (NoCloud ISO, #cloud-config user-data)
 * - tini-sh: OpenBSD's cloud-tini (ISO labelled CIDATA; keys from meta-data; user-data is a root sh script)
 * - illumos-cpio: illumos metadata-agent under QEMU (a raw cpio archive on a disk; keys for root; firstboot.sh)
 * - ignition: Fedora CoreOS and Flatcar (an Ignition config through QEMU's fw_cfg)
 * - cloudbase-init: Windows (a cidata config drive; keys from meta-data; a PowerShell user-data script)
 * - console: no reader at all (NetBSD, DragonFly…): provisioned by typing on the serial console, before
 *   any SSH forward exists
 * - none: the image reads no seed (refused: nothing could put the job's key in)
 */
export const SEED_DIALECTS = [
  'cloud-config',
  'tini-sh',
  'illumos-cpio',
  'ignition',
  'cloudbase-init',
  'console',
  'none',
] as const;
export type SeedDialect = (typeof SEED_DIALECTS)[number];

/**
 * How the seed reaches the guest: a CD-ROM (an ISO 9660 volume), a raw read-only disk, or a QEMU fw_cfg
 * file under `name`.
 */
export type SeedDevice = { kind: 'cdrom' } | { kind: 'disk' } | { kind: 'fw_cfg'; name: string } | { kind: 'none' };

/** Where Fedora CoreOS and Flatcar look for their Ignition config under QEMU. */
export const IGNITION_FW_CFG_NAME = 'opt/com.coreos/config';

/** The device each dialect's reader looks at. */
export function seedDevice(dialect: SeedDialect): SeedDevice {
  if (dialect === 'illumos-cpio') return { kind: 'disk' };
  if (dialect === 'ignition') return { kind: 'fw_cfg', name: IGNITION_FW_CFG_NAME };
  if (dialect === 'console') return { kind: 'none' };
  return { kind: 'cdrom' };
}

/**
 * Readers that take no host key as data run a script that installs it, and the guest's SSH server may
 * already be up with keys of its own (OpenBSD starts sshd before rc.local): until the script has run,
 * the key the client pins is not presented yet.
 */
export function installsHostKeyLate(dialect: SeedDialect): boolean {
  return dialect === 'tini-sh' || dialect === 'illumos-cpio' || dialect === 'cloudbase-init';
}

const DIALECT_WORDS: Record<SeedDialect, string> = {
  'cloud-config': 'cloud-config (cloud-init or nuageinit: a cidata ISO)',
  'tini-sh': 'tini-sh (cloud-tini: a CIDATA ISO whose user-data script installs the host key)',
  'illumos-cpio':
    'illumos-cpio (the illumos metadata agent: a cpio archive on a disk, its firstboot.sh installs the host key)',
  ignition: 'ignition (an Ignition config in fw_cfg opt/com.coreos/config)',
  'cloudbase-init': 'cloudbase-init (a cidata ISO whose PowerShell user-data installs the host key)',
  console: 'console (no reader: Solstice logs in on the serial console and types a provisioning script)',
  none: 'none',
};

/** A dialect and the medium it reads, for messages. */
export function describeDialect(dialect: SeedDialect): string {
  return DIALECT_WORDS[dialect];
}

/** How the login user runs a command as root: `root` when the login already is root. */
export const ADMIN_COMMANDS = ['sudo', 'doas', 'root'] as const;
export type AdminCommand = (typeof ADMIN_COMMANDS)[number];

/**
 * The guest's `tar` (workspace sync): GNU tar and bsdtar take a NUL-separated list of names; busybox tar a
 * newline-separated one; OpenBSD's pax-based tar and illumos tar take neither, so their side uses `pax`.
 */
export const TAR_FLAVOURS = ['gnu', 'bsdtar', 'busybox', 'pax', 'illumos'] as const;
export type TarFlavour = (typeof TAR_FLAVOURS)[number];

/** The guest's SSH server, which decides how a host key given as data is installed. */
export const SSHD_KINDS = ['openssh', 'dropbear'] as const;
export type SshdKind = (typeof SSHD_KINDS)[number];

/** The account a console-provisioned image lets in on its serial console (catalog data: what it ships with). */
export interface ConsoleLogin {
  user: string;
  /** Often empty: the peers' images log root in with no password. */
  password: string;
}

export interface GuestUserland {
  admin: AdminCommand;
  tar: TarFlavour;
  sshd: SshdKind;
  /** The shell command that makes the SSH server take a new host key (dialects that install it with a script). */
  sshdReload: string;
}

/** Each dialect's usual userland, for what an entry does not say. */
export const DIALECT_USERLAND: Record<SeedDialect, GuestUserland> = {
  'cloud-config': { admin: 'sudo', tar: 'gnu', sshd: 'openssh', sshdReload: '' },
  'tini-sh': { admin: 'doas', tar: 'pax', sshd: 'openssh', sshdReload: 'rcctl reload sshd' },
  'illumos-cpio': {
    admin: 'root',
    tar: 'illumos',
    sshd: 'openssh',
    sshdReload: 'svcadm restart svc:/network/ssh:default',
  },
  ignition: { admin: 'sudo', tar: 'gnu', sshd: 'openssh', sshdReload: '' },
  'cloudbase-init': { admin: 'root', tar: 'bsdtar', sshd: 'openssh', sshdReload: 'Restart-Service sshd' },
  console: { admin: 'root', tar: 'gnu', sshd: 'openssh', sshdReload: 'service sshd restart' },
  none: { admin: 'sudo', tar: 'gnu', sshd: 'openssh', sshdReload: '' },
};

/**
 * Who logs in, by what the reader can do: cloud-init, Ignition and cloudbase-init create the job's user;
 * cloud-tini keys only the image's own account, the illumos agent only root.
 */
export function loginUserOf(dialect: SeedDialect, imageUser: string, jobUser: string): string {
  if (dialect === 'tini-sh' || dialect === 'console') return imageUser;
  if (dialect === 'illumos-cpio') return 'root';
  return jobUser;
}

/** The prefix that runs a command as root without asking (`sudo -n`, `doas -n`, or nothing for root). */
export function asRoot(admin: AdminCommand): string {
  return admin === 'root' ? '' : `${admin} -n `;
}
