import { shellQuote } from '../shell/shell.js';

/** What makes a restored clone this job's machine and no other's. */
export interface JobIdentity {
  hostname: string;
  /** The template's hostname, replaced in /etc/hosts. */
  templateHostname: string;
  user: string;
  /** The job's login key (authorized_keys is replaced: the template's key stops working). */
  authorizedKey: string;
  /** The job's host key, installed for sshd. */
  hostKey: { privateKey: string; publicKey: string };
  /** Bytes from the runner's RNG, mixed into the guest's pool. */
  entropy: Buffer;
}

/**
 * The first root script a clone's agent runs, before anything can log in: the guest's RNG, host key
 * and login key become the job's, then sshd reloads its host key. The random bytes go into the input
 * pool and the CRNG is reseeded from it at once (RNDRESEEDCRNG): a kernel without the vmgenid driver
 * (Debian 12's cloud kernel) would otherwise hand every clone the template's random stream until its
 * next scheduled reseed, and with it the ephemeral keys of the job's first SSH session. Everything is
 * inlined (printf with octal escapes: POSIX sh, no base64 needed), so it is one round trip.
 */
export function secureIdentityScript(job: JobIdentity): string {
  const octal = [...job.entropy].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
  return [
    'set -e',
    'umask 077',
    `printf '${octal}' > /dev/urandom`,
    `{ perl -e ${shellQuote(RESEED_PERL)} || python3 -c ${shellQuote(RESEED_PYTHON)}; } 2>/dev/null || exit ${NO_RESEED_STATUS}`,
    // Builtins where they do the job: every program started costs ≈ 50–500 ms here under TCG.
    `printf '%s\\n' ${shellQuote(job.hostKey.privateKey.trim())} > /etc/ssh/ssh_host_ed25519_key`,
    `printf '%s\\n' ${shellQuote(job.hostKey.publicKey)} > /etc/ssh/ssh_host_ed25519_key.pub`,
    `printf '%s\\n' ${shellQuote(job.authorizedKey)} > ~${job.user}/.ssh/authorized_keys`,
    // OpenSSH 9.8 and later (sshd-session) load the host key in the listener: it must reload, through its
    // pid file as the units' own ExecReload does (systemctl would add a config test: ≈ 1 s). Older ones
    // re-exec sshd for each connection, which reads the new key itself: a reload would only shut the port
    // for the ≈ 0.3–1 s of its restart under TCG. Under socket activation (Ubuntu's ssh.socket) there is
    // no pid file and each connection's sshd reads the key. A newer sshd whose sshd-session lies elsewhere
    // presents the template's key: the pinned login refuses it and the job boots cold.
    `for session in ${SSHD_SESSION_PATHS.join(' ')}; do`,
    '  [ -e "$session" ] || continue',
    '  if read -r sshd < /run/sshd.pid || read -r sshd < /var/run/sshd.pid; then kill -HUP "$sshd"; fi 2>/dev/null',
    '  break',
    'done',
  ].join('\n');
}

/**
 * The second script, run while the job's first login is under way (nothing of the job runs before it
 * ends): the runner's clock (the template's is the moment it was saved) and the job's hostname.
 */
export function settleIdentityScript(job: Pick<JobIdentity, 'hostname' | 'templateHostname'>, nowMs: number): string {
  const host = shellQuote(job.hostname);
  return [
    'set -e',
    `date -u -s @${(nowMs / 1000).toFixed(3)} > /dev/null`,
    `echo ${host} > /proc/sys/kernel/hostname`,
    `echo ${host} > /etc/hostname`,
    `sed -i "s/\\b${job.templateHostname}\\b/${job.hostname}/g" /etc/hosts`,
  ].join('\n');
}

/** Where distributions put OpenSSH's sshd-session (9.8+): Debian/Ubuntu, Fedora/RHEL, Arch/Alpine, upstream. */
const SSHD_SESSION_PATHS = [
  '/usr/lib/openssh/sshd-session',
  '/usr/libexec/openssh/sshd-session',
  '/usr/lib/ssh/sshd-session',
  '/usr/libexec/sshd-session',
];

/** The first script's status when neither perl nor python3 could reseed the RNG: the clone must not be used. */
export const NO_RESEED_STATUS = 3;

/**
 * ioctl(RNDRESEEDCRNG) on /dev/urandom: the CRNG takes fresh output of the input pool now. Perl first
 * (Debian's perl-base is essential, and starts faster than python under TCG), else python3.
 */
const RESEED_PERL = 'open(my $rng, ">", "/dev/urandom") or die; ioctl($rng, 0x5207, 0) or die';
const RESEED_PYTHON = 'import fcntl, os; fcntl.ioctl(os.open("/dev/urandom", os.O_WRONLY), 0x5207)';
