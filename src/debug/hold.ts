import { networkInterfaces } from 'node:os';
import type { DebugConfig } from '../config/job.js';
import { SolsticeError } from '../engine/errors.js';
import { sleep } from '../engine/sleep.js';
import type { Reporter } from '../engine/reporter.js';
import type { VmSession } from '../engine/session.js';
import { freePort } from '../qemu/port.js';
import { execCommand } from '../ssh/exec.js';
import { fingerprint } from '../ssh/keys.js';
import { announcementLines, motd, sshCommand, type DebugAccess } from './announcement.js';
import { authorizedKeysLines, type KeysByLogin } from './github-keys.js';

export type HoldEnd = 'continued' | 'timeout' | 'cancelled' | 'vm-lost';

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
  keys: KeysByLogin;
  reporter: Reporter;
  /** Settles when the VM is lost (QEMU exited, the guest panicked). */
  vmLost: Promise<unknown>;
  /** What ended the VM or the link to it, as a clause ("QEMU exited (killed by SIGKILL)"); `error` is what a guest command failed with. */
  describeLoss: (error?: unknown) => Promise<string>;
  signal: AbortSignal;
}

const POLL_INTERVAL_MS = 2_000;

/** Whether the script's result asks for a hold under this mode. */
export function wantsHold(mode: DebugConfig['mode'], exitCode: number): boolean {
  return mode === 'always' || (mode === 'on-failure' && exitCode !== 0);
}

/**
 * Holds the VM for the allowed people: their GitHub keys go into the guest (never into a runner file),
 * SSH is forwarded on the debug address only now, the way in is announced once, and the hold ends on
 * `touch ~/continue`, on the idle timeout (paused while someone is connected), on cancel or if QEMU dies.
 */
export async function holdForDebug(context: HoldContext): Promise<DebugOutcome> {
  const { session, config, reporter } = context;
  const keyLines = authorizedKeysLines(context.keys);
  if (keyLines.length === 0) {
    const message = `No public SSH key is registered on GitHub for ${config.logins.join(', ') || 'anyone (no actor known)'}: no debug access was opened (fail closed). Add a key at https://github.com/settings/keys or name other users in debug-users.`;
    return { held: false, message, ...(config.mode === 'always' ? { failure: message } : {}) };
  }

  const home = await prepareGuest(session, keyLines, context.signal);
  const port = config.port || (await freePort(config.bind));
  const forward = await session.qmp.humanMonitorCommand(`hostfwd_add net0 tcp:${config.bind}:${port}-:22`);
  if (forward.trim() !== '') {
    throw new SolsticeError(`Could not open the debug SSH forward on ${config.bind}:${port}: ${forward.trim()} (choose another debug-port, or leave it empty for a free one).`);
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
  await installMotd(session, motd(access), context.signal);
  for (const line of announcementLines(access)) reporter.info(line);
  reporter.notice(`Debug access: ${sshCommand(access)} (host key ${access.hostKeyFingerprint}); touch ~/continue to end the hold.`);

  const { end, lostBecause } = await waitForRelease(context, access);
  const messages: Record<HoldEnd, string> = {
    continued: 'The debug hold ended: ~/continue was created.',
    timeout: `The debug hold ended: nobody was connected for ${config.timeoutMinutes} min.`,
    cancelled: 'The debug hold ended: the job was cancelled.',
    'vm-lost': `The debug hold ended: ${lostBecause}.`,
  };
  return { held: true, end, message: messages[end], access };
}

/** Installs the allowed keys for the job user and clears a stale continue file; returns the user's home. */
async function prepareGuest(session: VmSession, keyLines: string[], signal: AbortSignal): Promise<string> {
  let home = '';
  const result = await execCommand(session.ssh,
    'umask 077 && mkdir -p ~/.ssh && cat >> ~/.ssh/authorized_keys && rm -f ~/continue && printf %s "$HOME"',
    { stdin: `${keyLines.join('\n')}\n`, onStdout: (chunk) => (home += chunk.toString()), signal });
  if (result.exitCode !== 0) throw new SolsticeError(`Could not install the debug users' keys in the guest (exit code ${result.exitCode}).`);
  return home;
}

async function installMotd(session: VmSession, text: string, signal: AbortSignal): Promise<void> {
  // Best effort: a guest without sudo or /etc/motd still works, the announcement says the same.
  await execCommand(session.ssh, `sudo -n tee /etc/motd >/dev/null || true`, { stdin: text, signal });
}

/** Established connections to the guest's port 22, and whether the continue file exists. */
const STATE_COMMAND = [
  `if test -e ~/continue || sudo -n test -e /root/continue 2>/dev/null; then echo continue; fi`,
  `awk 'FNR>1 && $4=="01" && $2 ~ /:0016$/ {n++} END {print "established", n+0}' /proc/net/tcp /proc/net/tcp6 2>/dev/null`,
].join('; ');

async function waitForRelease(context: HoldContext, access: DebugAccess): Promise<{ end: HoldEnd; lostBecause?: string }> {
  const idleLimitMs = context.config.timeoutMinutes * 60_000;
  let idleMs = 0;
  let lastPeople = 0;
  let lastPollAt = Date.now();
  let vmGone = false;
  void context.vmLost.then(() => (vmGone = true));
  for (;;) {
    if (context.signal.aborted) return { end: 'cancelled' };
    if (vmGone) return { end: 'vm-lost', lostBecause: await context.describeLoss() };
    let output = '';
    try {
      await execCommand(context.session.ssh, STATE_COMMAND, { onStdout: (chunk) => (output += chunk.toString()), signal: context.signal });
    } catch (error) {
      return context.signal.aborted ? { end: 'cancelled' } : { end: 'vm-lost', lostBecause: await context.describeLoss(error) };
    }
    if (/^continue$/m.test(output)) return { end: 'continued' };
    // Our own job connection is one of the established ones.
    const people = Math.max(0, Number(/established (\d+)/.exec(output)?.[1] ?? 1) - 1);
    if (people !== lastPeople) {
      context.reporter.info(people > 0 ? `Debug session(s) connected: ${people}; the idle countdown is paused.` : `Nobody is connected; the hold ends after ${access.timeoutMinutes} min idle.`);
      lastPeople = people;
    }
    // The countdown pauses while someone is connected and resumes when they leave.
    const now = Date.now();
    if (people === 0) idleMs += now - lastPollAt;
    lastPollAt = now;
    if (idleMs >= idleLimitMs) return { end: 'timeout' };
    await sleep(POLL_INTERVAL_MS, context.signal);
  }
}

/** The runner's non-loopback IPv4 addresses, for the printed ssh command. */
function runnerAddresses(): string[] {
  const addresses = Object.values(networkInterfaces()).flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
  return addresses.length > 0 ? addresses : ['127.0.0.1'];
}
