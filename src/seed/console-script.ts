/**
 * The provisioning typed on the serial console of an image with no first-boot reader (seed: console).
 * Pure: the script, the commands that type it line by line, and the markers its output is read by.
 * Every marker is printed through shell arithmetic (`$((1+1))`), so the console's echo of what was
 * typed never looks like the output awaited.
 */
import type { GuestUserland } from '../core/guest-userland.js';
import { shellQuote } from '../shell/shell.js';
import { EXEMPT_SLIRP_GATEWAY_ANYWHERE } from './sshd-settings.js';

export interface ConsoleProvision {
  /** Whose key the job logs in with. */
  user: string;
  authorizedKey: string;
  userland: Pick<GuestUserland, 'sshd' | 'sshdReload'>;
  /** Random, per job: tells this job's markers from anything the guest prints. */
  nonce: string;
}

/**
 * Canonical-mode terminals keep at most MAX_CANON bytes of a line (255 on the BSDs): every typed command
 * stays well under it.
 */
export const MAX_TYPED_LINE = 200;

const SSHD_CONFIG_FIRST = [
  // The first value of a keyword wins: these lines go first. Names every OpenSSH since 5.x knows.
  'PermitEmptyPasswords no',
  'PasswordAuthentication no',
  'ChallengeResponseAuthentication no',
];

function hostKeyLines({ sshd }: Pick<GuestUserland, 'sshd'>): string[] {
  if (sshd === 'dropbear')
    return [
      'mkdir -p /etc/dropbear',
      'rm -f /etc/dropbear/dropbear_*_host_key',
      'dropbearkey -t ed25519 -f /etc/dropbear/dropbear_ed25519_host_key >/dev/null 2>&1 || fail "dropbearkey failed"',
      "solstice_pub=$(dropbearkey -y -f /etc/dropbear/dropbear_ed25519_host_key | grep '^ssh-ed25519 ')",
    ];
  return [
    'rm -f /etc/ssh/ssh_host_*key /etc/ssh/ssh_host_*key.pub',
    "ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key || fail 'ssh-keygen failed'",
    'solstice_pub=$(cat /etc/ssh/ssh_host_ed25519_key.pub)',
    'cp /etc/ssh/sshd_config /etc/ssh/sshd_config.before-solstice',
    `{ printf '%s\\n' ${SSHD_CONFIG_FIRST.map(shellQuote).join(' ')}; cat /etc/ssh/sshd_config.before-solstice; } > /etc/ssh/sshd_config`,
    ...EXEMPT_SLIRP_GATEWAY_ANYWHERE.split('\n'),
  ];
}

/**
 * The script, run by root: the job's key for `user` and no other authorized key anywhere, every account
 * with an empty password locked, a fresh host key (printed after the key marker: the key the job pins,
 * learned over the console nobody else reaches), no password logins over SSH, and sshd reloaded.
 */
export function consoleScript(provision: ConsoleProvision): string[] {
  const { user, authorizedKey, userland, nonce } = provision;
  return [
    'fail() { echo "solstice: $*"; exit 1; }',
    `solstice_user=${shellQuote(user)}`,
    `solstice_home=$(awk -F: -v u="$solstice_user" '$1 == u { print $6 }' /etc/passwd)`,
    '[ -n "$solstice_home" ] || fail "no user $solstice_user in /etc/passwd"',
    'for f in /root/.ssh/authorized_keys /root/.ssh/authorized_keys2 /home/*/.ssh/authorized_keys /home/*/.ssh/authorized_keys2; do rm -f "$f"; done',
    'mkdir -p "$solstice_home/.ssh" || fail "cannot make $solstice_home/.ssh"',
    `printf '%s\\n' ${shellQuote(authorizedKey)} > "$solstice_home/.ssh/authorized_keys"`,
    'chmod 700 "$solstice_home/.ssh"; chmod 600 "$solstice_home/.ssh/authorized_keys"',
    'chown -R "$solstice_user" "$solstice_home/.ssh"',
    'for f in /etc/shadow /etc/master.passwd; do',
    '  [ -f "$f" ] || continue',
    `  for a in $(awk -F: '$2 == "" { print $1 }' "$f"); do`,
    '    passwd -l "$a" >/dev/null 2>&1 || usermod -C yes "$a" >/dev/null 2>&1 || pw lock "$a" >/dev/null 2>&1 || fail "cannot lock $a"',
    '  done',
    'done',
    ...hostKeyLines(userland),
    `${userland.sshdReload} || fail 'the SSH server did not take the new settings'`,
    `echo "SOLSTICE_KEY_$((1+1))_${nonce} $solstice_pub"`,
  ];
}

/** The output line that carries the new host key: `SOLSTICE_KEY_2_<nonce> ssh-ed25519 …`. */
export const keyMarker = (nonce: string) => `SOLSTICE_KEY_2_${nonce}`;

/** The longest acknowledgement command (`ackCommand`) with a 16-character nonce and up to 9999 lines. */
const ACK_ROOM = 50;

/** Typed after each command: its output `SOLSTICE_ACK_<n>_<nonce>` says the line was taken. */
export const ackCommand = (n: number, nonce: string) => `echo "SOLSTICE_ACK_$((${n}+0))_${nonce}"`;
export const ackMarker = (n: number, nonce: string) => `SOLSTICE_ACK_${n}_${nonce}`;

/** Runs the typed script; its exit status follows `SOLSTICE_DONE_42_<nonce>_`. */
export const runCommand = (path: string, nonce: string) =>
  `sh ${shellQuote(path)}; echo "SOLSTICE_DONE_$((40+2))_${nonce}_$?"`;
export const doneMarker = (nonce: string) => new RegExp(`SOLSTICE_DONE_42_${nonce}_(\\d+)`);

/**
 * The commands that write `lines` into `path`, each short enough for any terminal: a long line is
 * appended in pieces, and short commands share a typed line (each typed line costs one round trip).
 */
export function typingCommands(lines: readonly string[], path: string): string[] {
  // A short variable for the path: every byte of a typed line is a keystroke the guest must echo.
  const target = '"$sf"';
  const commands = [`sf=${shellQuote(path)}; : > ${target}`];
  // What each command holds besides the piece: printf, the redirection, and the acknowledgement typed after it.
  const room = MAX_TYPED_LINE - `printf '%s\\n'  >> ${target}; `.length - ACK_ROOM;
  for (const line of lines) {
    let rest = line;
    while (shellQuote(rest).length > room) {
      let cut = room;
      while (shellQuote(rest.slice(0, cut)).length > room) cut -= 8;
      commands.push(`printf '%s' ${shellQuote(rest.slice(0, cut))} >> ${target}`);
      rest = rest.slice(cut);
    }
    commands.push(`printf '%s\\n' ${shellQuote(rest)} >> ${target}`);
  }
  return batched(commands, MAX_TYPED_LINE - ACK_ROOM);
}

/** `commands` joined with `; ` into as few lines of at most `room` bytes as they fit in. */
function batched(commands: readonly string[], room: number): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 2 + command.length <= room) lines[lines.length - 1] = `${last}; ${command}`;
    else lines.push(command);
  }
  return lines;
}
