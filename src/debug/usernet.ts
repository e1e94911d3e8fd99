/**
 * People connected through the debug forward, counted from QEMU's `info usernet` (host side: a guest
 * cannot fake it, unlike anything read from inside the guest). libslirp's `slirp_connection_info` prints
 * one line per socket:
 *   TCP[HOST_FORWARD]  11       127.0.0.1 42022       10.0.2.15    22     0     0   the forward's listener
 *   TCP[ESTABLISHED]   23       127.0.0.1 42022       10.0.2.15    22     0     0   a connection it accepted
 *   TCP[ESTABLISHED]   30       10.0.2.15 42022        10.0.2.2  5000     0     0   one the guest opened
 * An accepted connection shows the host side of the forward (its address and port) as source and the
 * forward's guest address and port as destination. A connection the guest opens shows the guest's own
 * address and port as source and where it connects to as destination: the guest chooses all four, so
 * it can take the forward's port as its source port. And a guest that connects to the forward itself
 * (10.0.2.2:<port>, or the runner's address when the forward listens on all of them) makes the forward
 * accept a connection that looks exactly like a person's; its own outgoing side, with the forward's
 * port as destination, is what gives it away, so each of those cancels one accepted connection.
 */
import type { Forward } from '../qemu/host-forward.js';

interface Socket {
  state: string;
  source: string;
  sourcePort: number;
  destination: string;
  destinationPort: number;
}

const SOCKET_LINE = /^\s*TCP\[([A-Z_0-9]+)\]\s+-?\d+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s/;

function parseSockets(usernet: string): Socket[] {
  const sockets: Socket[] = [];
  for (const line of usernet.split('\n')) {
    const match = SOCKET_LINE.exec(line);
    if (!match) continue;
    const [, state, source, sourcePort, destination, destinationPort] = match;
    sockets.push({
      state: state!,
      source: source!,
      sourcePort: Number(sourcePort),
      destination: destination!,
      destinationPort: Number(destinationPort),
    });
  }
  return sockets;
}

/** A connection the forward accepted (whoever opened it). */
function acceptedThrough(socket: Socket, forward: Forward): boolean {
  return (
    socket.sourcePort === forward.hostPort &&
    (forward.hostAddress === '0.0.0.0' || socket.source === forward.hostAddress) &&
    socket.destination === forward.guestAddress &&
    socket.destinationPort === forward.guestPort
  );
}

/** Established connections through the forward that the guest did not open itself (never below 0). */
export function forwardedConnections(usernet: string, forward: Forward): number {
  const sockets = parseSockets(usernet).filter((socket) => socket.state !== 'HOST_FORWARD');
  const accepted = sockets.filter((socket) => socket.state === 'ESTABLISHED' && acceptedThrough(socket, forward));
  // Any state: counting one too many of these can only end a hold early, which the guest may do anyway.
  const openedByGuest = sockets.filter(
    (socket) => socket.destinationPort === forward.hostPort && !acceptedThrough(socket, forward),
  );
  return Math.max(0, accepted.length - openedByGuest.length);
}
