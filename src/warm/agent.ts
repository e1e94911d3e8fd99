/**
 * The guest agent of a warm-start template: a root shell the template leaves waiting on a virtio-serial
 * port before it is saved. In a clone it wakes up with the machine, and the runner sends it the commands
 * that make the clone this job's (reidentify.ts) over the port, with no SSH login in between; then it
 * exits, so nothing in the job's guest listens to the host. What comes back is guest output: bounded in
 * size and time, and only its last line's status is believed.
 */
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { AGENT_PORT_NAME } from '../qemu/command-line.js';
import { shellQuote } from '../shell/shell.js';

/** More than this from the guest before the status line is a broken or hostile agent. */
const MAX_REPLY_BYTES = 64 * 1024;

/**
 * Starts the agent in the template (run over SSH as the user; sudo works): it finds its port by name
 * (no udev needed) and runs a root shell on it, read and written through one descriptor (a virtio port
 * opens once). Detached, so the SSH session's end leaves it waiting.
 */
export function agentStartCommand(): string {
  const agent = [
    'for port in /sys/class/virtio-ports/*; do',
    `  [ "$(cat "$port/name" 2>/dev/null)" = ${AGENT_PORT_NAME} ] && exec sh 0<>"/dev/\${port##*/}" 1>&0 2>/dev/null`,
    'done',
    'exit 1',
  ].join('\n');
  return `sudo -n nohup sh -c ${shellQuote(agent)} </dev/null >/dev/null 2>&1 &`;
}

/**
 * Runs a script as root through a clone's agent and returns its exit status; the agent then exits. The
 * script is built only once the agent has answered a first line (a just-restored guest takes a moment
 * to wake), so what it carries (the runner's clock) is current when it runs.
 */
export async function runThroughAgent(
  socketPath: string,
  buildScript: () => string,
  options: { deadlineMs: number; signal: AbortSignal },
): Promise<number> {
  const marker = `SOLSTICE-AGENT-${randomBytes(8).toString('hex')}`;
  const socket = await connectAgent(socketPath);
  try {
    return await new Promise<number>((resolve, reject) => {
      let reply = '';
      let awake = false;
      const finish = (outcome: number | Error) => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onAbort = () => finish(new CancelledError());
      const timer = setTimeout(
        () => finish(new SolsticeError(`the guest agent did not answer within ${options.deadlineMs / 1000} s`)),
        options.deadlineMs,
      );
      options.signal.addEventListener('abort', onAbort, { once: true });
      socket.on('data', (chunk: Buffer) => {
        reply += chunk.toString('latin1');
        if (!awake && reply.includes(`${marker} awake\n`)) {
          awake = true;
          // A subshell, so a failing command ends the script, not the agent before it reports.
          socket.write(`(\n${buildScript()}\n)\necho "${marker} $?"\nexit\n`);
        }
        const status = new RegExp(`^${marker} (\\d{1,3})$`, 'm').exec(reply);
        if (status) return finish(Number(status[1]));
        if (reply.length > MAX_REPLY_BYTES)
          finish(new SolsticeError(`the guest agent sent more than ${MAX_REPLY_BYTES} bytes without its status`));
      });
      socket.once('close', () => finish(new SolsticeError('the guest agent closed its port without a status')));
      socket.once('error', (error) => finish(new SolsticeError(`the guest agent's port failed: ${error.message}`)));
      socket.write(`echo "${marker} awake"\n`);
    });
  } finally {
    socket.destroy();
  }
}

/** QEMU creates the socket as it starts; it is there by the time QMP answers, so one attempt suffices. */
function connectAgent(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => resolve(socket));
    socket.once('error', (error) => reject(new SolsticeError(`cannot reach the guest agent's port: ${error.message}`)));
  });
}
