import { asRoot, type AdminCommand } from '../core/guest-userland.js';
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
 * Starts the agent in the template (run over SSH as the user, as root through its admin command): it finds its port by name
 * (no udev needed) and runs a root shell on it, read and written through one descriptor (a virtio port
 * opens once). Detached, so the SSH session's end leaves it waiting.
 */
export function agentStartCommand(admin: AdminCommand): string {
  const agent = [
    'for port in /sys/class/virtio-ports/*; do',
    `  [ "$(cat "$port/name" 2>/dev/null)" = ${AGENT_PORT_NAME} ] && exec sh 0<>"/dev/\${port##*/}" 1>&0 2>/dev/null`,
    'done',
    'exit 1',
  ].join('\n');
  return `${asRoot(admin)}nohup sh -c ${shellQuote(agent)} </dev/null >/dev/null 2>&1 &`;
}

/**
 * A conversation with a clone's agent: scripts run one after another as root, each answering with its
 * exit status. Opened once the agent answers a first line (a just-restored guest takes a moment to
 * wake), so what a script carries (the runner's clock) is current when it runs. Closing it ends the agent.
 */
export class AgentSession {
  private reply = '';
  private waiter: { pattern: RegExp; done: (match: RegExpExecArray | Error) => void } | undefined;
  private ended: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly marker: string,
    private readonly options: { deadlineMs: number; signal: AbortSignal },
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.reply += chunk.toString('latin1');
      if (this.reply.length > MAX_REPLY_BYTES)
        this.end(new SolsticeError(`the guest agent sent more than ${MAX_REPLY_BYTES} bytes without a status`));
      else this.check();
    });
    socket.once('close', () => this.end(new SolsticeError('the guest agent closed its port without a status')));
    socket.once('error', (error) => this.end(new SolsticeError(`the guest agent's port failed: ${error.message}`)));
  }

  static async open(socketPath: string, options: { deadlineMs: number; signal: AbortSignal }): Promise<AgentSession> {
    const session = new AgentSession(
      await connectAgent(socketPath),
      `SOLSTICE-AGENT-${randomBytes(8).toString('hex')}`,
      options,
    );
    try {
      await session.exchange(`echo "${session.marker} awake"\n`, new RegExp(`^${session.marker} awake$`, 'm'));
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  /** Runs `script` in a subshell (a failing command ends the script, not the agent) and returns its status. */
  async run(script: string): Promise<number> {
    const status = new RegExp(`^${this.marker} (\\d{1,3})$`, 'm');
    const match = await this.exchange(`(\n${script}\n)\necho "${this.marker} $?"\n`, status);
    return Number(match[1]);
  }

  /** Ends the agent (it exits at `exit`, or at the end of its input) and the connection. */
  close(): void {
    if (!this.ended) this.socket.end('exit\n');
    this.end(new SolsticeError('the agent session is closed'));
    this.socket.destroy();
  }

  private exchange(text: string, pattern: RegExp): Promise<RegExpExecArray> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      const { deadlineMs, signal } = this.options;
      const onAbort = () => settle(new CancelledError());
      const timer = setTimeout(
        () => settle(new SolsticeError(`the guest agent did not answer within ${deadlineMs / 1000} s`)),
        deadlineMs,
      );
      const settle = (outcome: RegExpExecArray | Error) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      if (signal.aborted) return settle(new CancelledError());
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = { pattern, done: settle };
      this.socket.write(text);
    });
  }

  private check(): void {
    const match = this.waiter?.pattern.exec(this.reply);
    if (!match || !this.waiter) return;
    // What came before the status (a script's own output) is dropped with it.
    this.reply = this.reply.slice(match.index + match[0].length);
    this.waiter.done(match);
  }

  private end(error: Error): void {
    this.ended ??= error;
    this.waiter?.done(error);
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
