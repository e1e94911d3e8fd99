/**
 * QMP wire format, without I/O. QEMU sends one JSON object per line ("\r\n"
 * terminated); socket reads may cut a line anywhere or carry several lines.
 * See https://www.qemu.org/docs/master/interop/qmp-spec.html
 */

/** We only ever send numeric ids, but QEMU echoes whatever JSON value it got. */
export type QmpId = number | string;

export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
  timestamp?: { seconds: number; microseconds: number };
}

export interface QmpGreetingMessage {
  kind: 'greeting';
  version?: { qemu: { major: number; minor: number; micro: number }; package: string };
  capabilities: string[];
}
export interface QmpReturnMessage {
  kind: 'return';
  id?: QmpId;
  value: unknown;
}
export interface QmpErrorMessage {
  kind: 'error';
  id?: QmpId;
  class: string;
  desc: string;
}
export interface QmpEventMessage extends QmpEvent {
  kind: 'event';
}
/** A line that is not JSON or not a QMP message; kept so callers can log it. */
export interface QmpInvalidMessage {
  kind: 'invalid';
  line: string;
  reason: string;
}

export type QmpMessage = QmpGreetingMessage | QmpReturnMessage | QmpErrorMessage | QmpEventMessage | QmpInvalidMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(obj: Record<string, unknown>): QmpId | undefined {
  const id = obj['id'];
  return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

/** Classifies one line of QMP output. Never throws. */
export function parseMessage(line: string): QmpMessage {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return { kind: 'invalid', line, reason: `not JSON: ${(err as Error).message}` };
  }
  if (!isRecord(obj)) return { kind: 'invalid', line, reason: 'not a JSON object' };

  if (isRecord(obj['QMP'])) {
    const qmp = obj['QMP'];
    const caps = Array.isArray(qmp['capabilities']) ? qmp['capabilities'] : [];
    const greeting: QmpGreetingMessage = {
      kind: 'greeting',
      capabilities: caps.filter((c): c is string => typeof c === 'string'),
    };
    if (isRecord(qmp['version'])) greeting.version = qmp['version'] as QmpGreetingMessage['version'];
    return greeting;
  }
  if ('return' in obj) {
    const msg: QmpReturnMessage = { kind: 'return', value: obj['return'] };
    const id = idOf(obj);
    if (id !== undefined) msg.id = id;
    return msg;
  }
  if (isRecord(obj['error'])) {
    const error = obj['error'];
    const msg: QmpErrorMessage = {
      kind: 'error',
      class: typeof error['class'] === 'string' ? error['class'] : 'GenericError',
      desc: typeof error['desc'] === 'string' ? error['desc'] : JSON.stringify(error),
    };
    const id = idOf(obj);
    if (id !== undefined) msg.id = id;
    return msg;
  }
  if (typeof obj['event'] === 'string') {
    const msg: QmpEventMessage = { kind: 'event', event: obj['event'] };
    if (isRecord(obj['data'])) msg.data = obj['data'];
    const ts = obj['timestamp'];
    if (isRecord(ts) && typeof ts['seconds'] === 'number' && typeof ts['microseconds'] === 'number') {
      msg.timestamp = { seconds: ts['seconds'], microseconds: ts['microseconds'] };
    }
    return msg;
  }
  return { kind: 'invalid', line, reason: 'no QMP, return, error or event member' };
}

/**
 * Reassembles lines from arbitrary chunks. Takes strings, not Buffers: the
 * caller decodes (socket.setEncoding) so multi-byte UTF-8 split across reads
 * is handled there.
 */
export class QmpLineParser {
  private buffer = '';

  /** Returns the messages completed by this chunk; an unfinished tail is kept. */
  push(chunk: string): QmpMessage[] {
    this.buffer += chunk;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    const messages: QmpMessage[] = [];
    for (const raw of lines) {
      const line = raw.trim(); // QEMU ends lines with "\r\n"
      if (line !== '') messages.push(parseMessage(line));
    }
    return messages;
  }
}

/** One command, newline-terminated, ready to write to the socket. */
export function serializeCommand(id: QmpId, command: string, args?: Record<string, unknown>): string {
  const msg: Record<string, unknown> = { execute: command };
  if (args !== undefined) msg['arguments'] = args;
  msg['id'] = id;
  return JSON.stringify(msg) + '\n';
}
