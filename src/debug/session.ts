import type { Client } from 'ssh2';
import type { QmpClient } from '../qmp/client.js';
import type { SshTarget } from '../ssh/connect.js';

/** A booted VM reachable over SSH: what later stages (debug access) work with. */
export interface VmSession {
  ssh: Client;
  target: SshTarget;
  qmp: QmpClient;
}
