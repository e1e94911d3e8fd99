import { randomBytes } from 'node:crypto';
import { openSshForward } from '../../qemu/host-forward.js';
import { appendFile, copyFile } from 'node:fs/promises';
import type { Client } from 'ssh2';
import { effectiveBootTimeoutSeconds } from '../../config/job.js';
import type { ConsoleTail } from '../../console/console-tail.js';
import type { Accel } from '../../core/vocabulary.js';
import { SolsticeError } from '../../core/errors.js';
import { createOverlay } from '../../disk/overlay.js';
import { waitForSsh } from '../../ssh/readiness.js';
import { AgentSession } from '../../warm/agent.js';
import { restoreMachineState } from '../../warm/machine-state.js';
import { NO_RESEED_STATUS, secureIdentityScript, settleIdentityScript } from '../../warm/reidentify.js';
import { shortKey } from '../../warm/template-key.js';
import type { Template } from '../../warm/template-store.js';
import type { GuestPlan } from '../guest-identity.js';
import type { JobScope } from '../job-scope.js';
import { answeringGuest, launch, type Guest, type Launched } from './launch.js';

/** A restore must be quick, or it is not worth waiting for: past this (×4 under TCG), the job boots cold. */
const RESTORE_TIMEOUT_SECONDS = 30;
/** Bytes from the runner's RNG written into each clone's pool. */
const ENTROPY_BYTES = 64;

/**
 * A clone of the template for this job, in the order kata's factory makes a VM its own: a fresh overlay
 * on the template's disk, a QEMU with the template's device model that loads its state, then through
 * the guest agent the job's RNG reseed, host key and login key; then, while the job's first login
 * (pinning the job's host key) is under way, the runner's clock and the job's hostname. Any failure
 * stops the clone; the caller boots cold.
 */
export async function restoreClone(
  scope: JobScope,
  { plan, console, template }: { plan: GuestPlan; console: ConsoleTail; template: Template },
): Promise<Guest> {
  const { clock, signal } = scope;
  const deadlineMs = restoreDeadlineMs(plan.accel);
  await createOverlay(
    { path: template.files.disk, format: 'qcow2', virtualSize: 0 },
    plan.files.cloneDisk,
    undefined,
    signal,
  );
  // The clone prints nothing of its boot (it happened in the template): its log says where that is.
  await appendFile(
    plan.consoleLogPath,
    `--- Solstice: this guest is restored from the warm-start template ${shortKey(template.record.key)} at ${new Date().toISOString()}; its boot and prepare are in ${template.files.buildConsoleLog} ---\n`,
  );
  if (plan.uefi) await copyFile(template.files.uefiVars, plan.uefi.varsPath);
  const launched = await launch(scope, {
    plan,
    console,
    disk: plan.files.cloneDisk,
    seed: template.files.seed,
    warm: {
      memoryPath: template.files.memory,
      role: 'clone',
      agentSocketPath: plan.files.agentSocket,
      readOnlyRam: template.record.readOnlyRam,
    },
    restoring: `the warm-start template ${shortKey(template.record.key)}`,
  });
  try {
    await clock.time('restore-state', restoreMachineState(launched.qmp, template.files.state, deadlineMs, signal));
    const agent = await clock.time('agent', AgentSession.open(plan.files.agentSocket, { deadlineMs, signal }));
    const ssh = await makeItTheJobs(scope, { plan, template, launched, agent, deadlineMs });
    return answeringGuest(scope, launched, ssh, plan);
  } catch (error) {
    await launched.release();
    throw error;
  }
}

interface Reidentify {
  plan: GuestPlan;
  template: Template;
  launched: Launched;
  agent: AgentSession;
  deadlineMs: number;
}

/** Through the agent: secure identity first, then the clock and hostname beside the job's first login. */
async function makeItTheJobs(
  { config, clock, signal }: JobScope,
  { plan, template, launched, agent, deadlineMs }: Reidentify,
): Promise<Client> {
  const { watch, target } = launched;
  let ssh: Client | undefined;
  try {
    const job = {
      hostname: plan.job.vmName,
      templateHostname: template.record.hostname,
      user: config.user,
      authorizedKey: plan.loginKey.publicKey,
      hostKey: plan.hostKey,
      entropy: randomBytes(ENTROPY_BYTES),
    };
    await clock.time('secure-identity', expectSuccess(agent.run(secureIdentityScript(job)), 'install the job keys'));
    // A console-provisioned image's clone starts with no SSH forward either: it opens once the job's
    // keys are in (the template's login is gone, its baked credentials were removed when it was provisioned).
    if (launched.vm.spec.provisionOverConsole) await openSshForward(launched.qmp, launched.vm.spec.sshPort);
    const settled = expectSuccess(agent.run(settleIdentityScript(job, Date.now())), 'set the clock and hostname');
    const login = clock.time(
      'job-login',
      waitForSsh(target, {
        deadlineMs,
        vmExited: watch.lost,
        signal,
        describeFailure: async (reason: string) => (watch.loss ? watch.message(watch.loss) : reason),
        // The restored guest's sshd runs (and is back within moments of its reload): retry closely.
        sshdStarting: () => true,
        restored: true,
      }),
    );
    const [settleResult, loginResult] = await Promise.allSettled([settled, login]);
    if (loginResult.status === 'fulfilled') ssh = loginResult.value;
    if (settleResult.status === 'rejected') throw settleResult.reason;
    if (loginResult.status === 'rejected') throw loginResult.reason;
    return ssh!;
  } catch (error) {
    ssh?.end();
    throw error;
  } finally {
    agent.close();
  }
}

/** Like a boot's, scaled for TCG: a busy runner restoring several clones at once is slow, not broken. */
function restoreDeadlineMs(accel: Accel): number {
  return effectiveBootTimeoutSeconds({ bootTimeoutSeconds: RESTORE_TIMEOUT_SECONDS }, accel) * 1000;
}

async function expectSuccess(status: Promise<number>, what: string): Promise<void> {
  const code = await status;
  if (code === 0) return;
  throw new SolsticeError(
    code === NO_RESEED_STATUS
      ? `the guest cannot reseed its RNG (neither perl nor python3 is installed), so clones would share the template's random stream`
      : `the guest agent could not ${what} (exit status ${code})`,
  );
}
