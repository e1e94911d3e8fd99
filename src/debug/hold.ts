import { asRoot, type AdminCommand } from '../core/guest-userland.js';
import { networkInterfaces } from 'node:os';
import type { DebugConfig } from '../config/job.js';
import { SolsticeError } from '../core/errors.js';
import { guestTextInline } from '../core/guest-text.js';
import { sleep } from '../core/sleep.js';
import type { Reporter } from '../core/reporter.js';
import { freePort } from '../qemu/port.js';
import { execCapture } from '../ssh/exec.js';
import { fingerprint } from '../ssh/keys.js';
import { announcementLines, motd, sshCommand, type DebugAccess } from './announcement.js';
import { authorizedKeysLines, type KeysByLogin } from './github-keys.js';
import { addHostForward, type Forward } from '../qemu/host-forward.js';
import { forwardedConnections } from './usernet.js';
import type { VmSession } from './session.js';

export type HoldEnd = 'continued' | 'timeout' | 'time-limit' | 'cancelled' | 'vm-lost';

export interface DebugOutcome {
  /** Whether access was opened. */
  held: boolean;
  end?: HoldEnd;
  /** One sentence for the log and summary. */
  message: string;
  /** Set when the step must fail although the script passed (`debug: true` and nobody could be let in). */
  failure?: string;
  access?: DebugAccess;
}

export interface HoldContext {
  session: VmSession;
  config: DebugConfig;
  /** How the login user runs a command as root in the guest. */
  admin: AdminCommand;
  keys: KeysByLogin;
  reporter: Reporter;
  /** Settles when the VM is lost (QEMU exited, the guest panicked). */
  vmLost: Promise<unknown>;
  /** What ended the VM or the link to it, as a clause ("QEMU exited (killed by SIGKILL)"); `error` is what a guest command failed with. */
  describeLoss: (error?: unknown) => Promise<string>;
  signal: AbortSignal;
}

const POLL_INTERVAL_MS = 2_000;
/** A hold ends after this many idle timeouts even while someone is connected (forgotten sessions). */
const HOLD_LIMIT_FACTOR = 4;
/** Each poll of the guest must answer within this (else the VM counts as lost). */
const GUEST_ANSWER_TIMEOUT_MS = 30_000;
/** SLIRP's address for the guest (the first DHCP address of its default 10.0.2.0/24 network). */
const GUEST_ADDRESS = '10.0.2.15';
/** A home directory we repeat in the log: anything else the guest says is shown as `~`. */
const PLAIN_HOME = /^\/[A-Za-z0-9._/-]{1,200}$/;

/** Whether the script's result asks for a hold under this mode. */
export function wantsHold(mode: DebugConfig['mode'], exitCode: number): boolean {
  return mode === 'always' || (mode === 'on-failure' && exitCode !== 0);
}

/**
 * Holds the VM for the allowed people: their GitHub keys go into the guest (never into a runner file),
 * SSH is forwarded on the debug address only now, the way in is announced once, and the hold ends on
 * `touch ~/continue`, on the idle timeout (paused while someone is connected: counted by QEMU, on the
 * host side), at HOLD_LIMIT_FACTOR idle timeouts in all, on cancel or if QEMU dies. What the guest says
 * can end a hold early, never prolong it.
 */
export async function holdForDebug(context: HoldContext): Promise<DebugOutcome> {
  const { session, config, reporter } = context;
  const keyLines = authorizedKeysLines(context.keys);
  if (keyLines.length === 0) {
    const message = `No public SSH key is registered on GitHub for ${config.logins.join(', ') || 'anyone (no actor known)'}: no debug access was opened (fail closed). Add a key at https://github.com/settings/keys or name other users in debug-users.`;
    return { held: false, message, ...(config.mode === 'always' ? { failure: message } : {}) };
  }

  const home = await prepareGuest(session, keyLines, context.signal);
  const forward: Forward = {
    hostAddress: config.bind,
    hostPort: config.port || (await freePort(config.bind)),
    guestAddress: GUEST_ADDRESS,
    guestPort: 22,
  };
  const port = forward.hostPort;
  const complaint = await addHostForward(session.qmp, forward);
  if (complaint !== '') {
    throw new SolsticeError(
      `Could not open the debug SSH forward on ${config.bind}:${port}: ${complaint} (choose another debug-port, or leave it empty for a free one).`,
    );
  }
  const hosts = config.bind === '0.0.0.0' ? runnerAddresses() : [config.bind];
  const access: DebugAccess = {
    user: session.target.user,
    hosts,
    port,
    hostKeyFingerprint: fingerprint(session.target.hostPublicKey),
    knownHostsLine: `[${hosts[0]}]:${port} ${session.target.hostPublicKey.split(' ').slice(0, 2).join(' ')}`,
    logins: [...context.keys].filter(([, keys]) => keys.length > 0).map(([login]) => login),
    timeoutMinutes: config.timeoutMinutes,
    continuePath: `${home}/continue`,
  };
  await installMotd(session, motd(access), context.admin, context.signal);
  for (const line of announcementLines(access)) reporter.info(line);
  reporter.notice(
    `Debug access: ${sshCommand(access)} (host key ${access.hostKeyFingerprint}); touch ~/continue to end the hold.`,
  );

  const { end, lostBecause } = await waitForRelease(context, access, forward);
  // A cancel or a lost VM ends in teardown; any other end may hand the VM over to later steps (keep-running).
  const closing = end !== 'cancelled' && end !== 'vm-lost';
  if (closing) await closeAccess(context, forward, keyLines);
  const messages: Record<HoldEnd, string> = {
    continued: 'The debug hold ended: ~/continue was created.',
    timeout: `The debug hold ended: nobody was connected for ${config.timeoutMinutes} min.`,
    'time-limit': `The debug hold ended: it reached its limit of ${HOLD_LIMIT_FACTOR * config.timeoutMinutes} min (${HOLD_LIMIT_FACTOR} × debug-timeout-minutes), connected or not.`,
    cancelled: 'The debug hold ended: the job was cancelled.',
    'vm-lost': `The debug hold ended: ${lostBecause}.`,
  };
  const closed = ` The debug SSH forward (${config.bind}:${port}) is closed and the debug users' keys are removed.`;
  return { held: true, end, message: closing ? `${messages[end]}${closed}` : messages[end], access };
}

/** Installs the allowed keys for the job user and clears a stale continue file; returns the user's home (or `~`). */
async function prepareGuest(session: VmSession, keyLines: string[], signal: AbortSignal): Promise<string> {
  const result = await execCapture(
    session.ssh,
    'umask 077 && mkdir -p ~/.ssh && cat >> ~/.ssh/authorized_keys && rm -f ~/continue && printf %s "$HOME"',
    {
      what: "install the debug users' keys",
      stdin: `${keyLines.join('\n')}\n`,
      maxStdoutBytes: 4096,
      timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
      signal,
    },
  );
  if (result.exitCode !== 0)
    throw new SolsticeError(`Could not install the debug users' keys in the guest (exit code ${result.exitCode}).`);
  const home = result.stdout.toString();
  return PLAIN_HOME.test(home) ? home : '~';
}

async function installMotd(session: VmSession, text: string, admin: AdminCommand, signal: AbortSignal): Promise<void> {
  // Best effort: a guest without an admin command or /etc/motd still works, the announcement says the same.
  await execCapture(session.ssh, `${asRoot(admin)}tee /etc/motd >/dev/null || true`, {
    what: 'write /etc/motd',
    stdin: text,
    maxStdoutBytes: 1024,
    timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
    signal,
  }).catch((error: unknown) => {
    if (signal.aborted) throw error;
  });
}

/**
 * Closes what the hold opened, so that nothing of it outlives the hold: the forward (QEMU removes its
 * listener; a session still open stays until it ends) and the debug users' keys, which leave the
 * job's own login key in place. Failing to do either fails the step, so the VM is not handed over.
 */
async function closeAccess(context: HoldContext, forward: Forward, keyLines: string[]): Promise<void> {
  // hostfwd_remove names a forward by its host side, and answers "… removed" or "… not found".
  const listener = `tcp:${forward.hostAddress}:${forward.hostPort}`;
  const closed = await context.session.qmp.humanMonitorCommand(`hostfwd_remove net0 ${listener}`);
  if (!/ removed\s*$/.test(closed))
    throw new SolsticeError(`Could not close the debug SSH forward on ${listener}: ${closed.trim()}`);
  const result = await execCapture(context.session.ssh, REMOVE_KEYS_COMMAND, {
    what: "remove the debug users' keys",
    stdin: `${keyLines.join('\n')}\n`,
    maxStdoutBytes: 1024,
    timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
    signal: context.signal,
  });
  if (result.exitCode !== 0)
    throw new SolsticeError(
      `Could not remove the debug users' keys from the guest (exit code ${result.exitCode}): ${guestTextInline(result.stderr.trim())}`,
    );
}

/**
 * Our lines (on stdin) out of authorized_keys, exactly as installed; grep exits 1 when no line is left.
 * The lines go through a file: a small guest may have no /dev/stdin, and BSD grep takes no `-f -`.
 */
const REMOVE_KEYS_COMMAND = [
  'umask 077',
  'cd ~/.ssh',
  'cat >solstice-debug-keys',
  '{ grep -vxF -f solstice-debug-keys authorized_keys >authorized_keys.solstice; test $? -le 1; }',
  'mv -f authorized_keys.solstice authorized_keys',
  'rm -f solstice-debug-keys',
].join(' && ');

/** Whether the continue file exists (the guest's word: it can only end the hold). */
const continueCommand = (admin: AdminCommand) =>
  `if test -e ~/continue || ${asRoot(admin)}test -e /root/continue 2>/dev/null; then echo continue; fi`;

async function waitForRelease(
  context: HoldContext,
  access: DebugAccess,
  forward: Forward,
): Promise<{ end: HoldEnd; lostBecause?: string }> {
  const idleLimitMs = context.config.timeoutMinutes * 60_000;
  const holdEndsAt = Date.now() + HOLD_LIMIT_FACTOR * idleLimitMs;
  let idleMs = 0;
  let lastPeople = 0;
  let lastPollAt = Date.now();
  let vmGone = false;
  void context.vmLost.then(() => (vmGone = true));
  for (;;) {
    if (context.signal.aborted) return { end: 'cancelled' };
    if (vmGone) return { end: 'vm-lost', lostBecause: await context.describeLoss() };
    let people: number;
    try {
      const answer = await execCapture(context.session.ssh, continueCommand(context.admin), {
        what: 'check for ~/continue',
        maxStdoutBytes: 1024,
        timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
        signal: context.signal,
      });
      if (/^continue$/m.test(answer.stdout.toString())) return { end: 'continued' };
      people = forwardedConnections(await context.session.qmp.humanMonitorCommand('info usernet'), forward);
    } catch (error) {
      return context.signal.aborted
        ? { end: 'cancelled' }
        : { end: 'vm-lost', lostBecause: await context.describeLoss(error) };
    }
    if (people !== lastPeople) {
      context.reporter.info(
        people > 0
          ? `Debug session(s) connected: ${people}; the idle countdown is paused.`
          : `Nobody is connected; the hold ends after ${access.timeoutMinutes} min idle.`,
      );
      lastPeople = people;
    }
    // The countdown pauses while someone is connected and resumes when they leave.
    const now = Date.now();
    if (people === 0) idleMs += now - lastPollAt;
    lastPollAt = now;
    if (idleMs >= idleLimitMs) return { end: 'timeout' };
    if (now >= holdEndsAt) return { end: 'time-limit' };
    await sleep(POLL_INTERVAL_MS, context.signal);
  }
}

/** The runner's non-loopback IPv4 addresses, for the printed ssh command. */
function runnerAddresses(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
  return addresses.length > 0 ? addresses : ['127.0.0.1'];
}
