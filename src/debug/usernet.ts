/**
 * Connections through one SLIRP host forward, counted from QEMU's `info usernet` (host side: a guest
 * cannot fake it, unlike anything read from inside the guest). Each socket is a line such as
 *   TCP[HOST_FORWARD]  11       127.0.0.1 42022       10.0.2.15    22     0     0
 *   TCP[ESTABLISHED]   23       127.0.0.1 42022       10.0.2.15    22     0     0
 * where an accepted connection shows the forward's own address and port as its source (libslirp's
 * slirp_connection_info); HOST_FORWARD is the listening socket itself.
 */
const SOCKET_LINE = /^\s*TCP\[([A-Z_]+)\]\s+-?\d+\s+\S+\s+(\d+)\s/;
/** States of a connection that is gone or going (a person who left). */
const ENDED = new Set(['HOST_FORWARD', 'CLOSED', 'TIME_WAIT', 'LAST_ACK', 'CLOSING', 'FIN_WAIT_2']);

export function forwardedConnections(usernet: string, hostPort: number): number {
  let count = 0;
  for (const line of usernet.split('\n')) {
    const socket = SOCKET_LINE.exec(line);
    if (socket && Number(socket[2]) === hostPort && !ENDED.has(socket[1]!)) count++;
  }
  return count;
}
