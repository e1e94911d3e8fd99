/**
 * seed: console — an image with no first-boot reader, booted with no SSH forward at all. Solstice logs
 * in on the serial console (which only QEMU on the runner sees) with the login the image ships with,
 * types the provisioning script (seed/console-script.ts), reads the fresh host key it prints, and only
 * then adds the SSH forward: the baked credential is never reachable from outside while the job runs.
 */
import { randomBytes } from 'node:crypto';
import type { ConsoleLogin, GuestUserland } from '../../core/guest-userland.js';
import { CancelledError, SolsticeError } from '../../core/errors.js';
import { ConsoleSession } from '../../console/console-session.js';
import { quotedGuestLines } from '../../console/readable-lines.js';
import { openSshForward } from '../../qemu/host-forward.js';
import type { QmpClient } from '../../qmp/client.js';
import {
  ackCommand,
  ackMarker,
  consoleScript,
  doneMarker,
  keyMarker,
  runCommand,
  typingCommands,
} from '../../seed/console-script.js';
import { publicKeyBlob } from '../../ssh/keys.js';

export interface ConsoleProvisionRequest {
  consoleSocketPath: string;
  login: ConsoleLogin;
  user: string;
  authorizedKey: string;
  userland: GuestUserland;
  qmp: QmpClient;
  /** The host port the SSH forward is added on, once the guest is provisioned. */
  sshPort: number;
  deadline: number;
  signal: AbortSignal;
}

// Not anchored to the end: a log line (sshd's, the kernel's) may follow the prompt on the console.
const LOGIN_PROMPT = /login: ?/i;
const PASSWORD_PROMPT = /password: ?/i;
const LOGIN_REFUSED = /login incorrect|authentication failure|permission denied/i;
/** Enter again when the console has been quiet this long with no login prompt seen (it scrolled by). */
const NUDGE_AFTER_MS = 8_000;
/** After the user name: a password prompt comes within this, or there is none. */
const PASSWORD_PROMPT_WAIT_MS = 5_000;
/** …and no prompt once the console has been quiet this long after the name's echo. */
const QUIET_AFTER_LOGIN_MS = 1_000;
/** Each typed line must be answered within this. */
const LINE_DEADLINE_MS = 30_000;
const ED25519_LINE = /^ssh-ed25519 [A-Za-z0-9+/]{68}$/;

/** Provisions the guest over its console and opens the SSH forward; returns the host key to pin. */
export async function provisionOverConsole(request: ConsoleProvisionRequest): Promise<string> {
  const { login, deadline, signal } = request;
  const nonce = randomBytes(8).toString('hex');
  const session = await ConsoleSession.open(request.consoleSocketPath, signal);
  const failWith = (why: string) =>
    new SolsticeError(
      `${why}\nThe console's last output:\n${quotedGuestLines(session.recent().split('\n').slice(-15))}`,
    );
  // Every wait below fails with the console's last lines.
  const expect = (patterns: readonly RegExp[], until: number, what: string) =>
    session.waitFor(patterns, until, signal, what).catch((error: unknown) => {
      throw error instanceof CancelledError ? error : failWith((error as Error).message);
    });
  try {
    await session.waitFor([LOGIN_PROMPT], deadline, signal, 'a login prompt', { afterMs: NUDGE_AFTER_MS, keys: '\r' });
    session.type(`${login.user}\r`);
    // A password prompt comes at once, or not at all: the console falling quiet (the shell's prompt
    // printed) ends the wait early.
    const afterUser = await session.settle(
      [PASSWORD_PROMPT, LOGIN_REFUSED],
      QUIET_AFTER_LOGIN_MS,
      Math.min(PASSWORD_PROMPT_WAIT_MS, deadline - Date.now()),
      signal,
    );
    if (afterUser?.index === 1) throw failWith(`The serial console refused the login '${login.user}'.`);
    if (afterUser?.index === 0) session.type(`${login.password}\r`);
    // Logged in once the shell answers a command (its echo cannot match: the marker is computed).
    let step = 0;
    const say = async (command: string, what: string) => {
      step += 1;
      session.type(`${command}; ${ackCommand(step, nonce)}\r`);
      // Not the login prompt: a MOTD's "Last login:" would look like one. A refused login ends in
      // "Login incorrect" anyway, once the typed line has been taken for a user name.
      const answer = await expect(
        [new RegExp(ackMarker(step, nonce)), LOGIN_REFUSED],
        Math.min(deadline, Date.now() + LINE_DEADLINE_MS),
        what,
      );
      if (answer.index !== 0)
        throw failWith(`The serial console did not accept the login '${login.user}' (or its password).`);
    };
    await say('true', 'a shell after the login');
    const path = `/tmp/solstice-provision-${nonce}.sh`;
    const script = consoleScript({
      user: request.user,
      authorizedKey: request.authorizedKey,
      userland: request.userland,
      nonce,
    });
    for (const command of typingCommands(script, path)) await say(command, 'the provisioning script being typed');
    session.type(`${runCommand(path, nonce)}\r`);
    const done = await expect([doneMarker(nonce)], deadline, 'the provisioning script finishing');
    if (done.match[1] !== '0') throw failWith(`The provisioning script failed (exit status ${done.match[1]}).`);
    const hostKey = hostKeyAfterMarker(session.recent(MAX_SCRIPT_OUTPUT), keyMarker(nonce));
    if (!hostKey) throw failWith('The provisioning script printed no ed25519 host key.');
    session.type(`rm -f ${path}; exit\r`);
    // Only now can anyone reach the guest's SSH server, and only from this host.
    await openSshForward(request.qmp, request.sshPort);
    return hostKey;
  } finally {
    session.close();
  }
}

/** How much of the console's recent text can hold the key line (the script prints little after it). */
const MAX_SCRIPT_OUTPUT = 8 * 1024;

/** The `ssh-ed25519 …` key on the line the marker starts, checked strictly (the guest's text is hostile). */
function hostKeyAfterMarker(text: string, marker: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(`${marker} `);
    if (at < 0) continue;
    const key = line
      .slice(at + marker.length + 1)
      .trim()
      .split(' ')
      .slice(0, 2)
      .join(' ');
    if (!ED25519_LINE.test(key)) return undefined;
    try {
      publicKeyBlob(key);
      return key;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
