import { trustedSearchPath } from './program-search.js';

/**
 * The environment of the programs Solstice starts on the runner (QEMU, qemu-img, the decompressors,
 * tar). The action's own environment holds GitHub credentials (INPUT_GITHUB-TOKEN,
 * ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_*): a child that inherited them would hand them to
 * whoever exploits it (a QEMU escape), for as long as it runs (kept VMs outlive the step). None of
 * these tools needs more than where to find programs, the locale of its messages and where to put
 * temporary files; HOME is left out because none of them reads it. RUNNER_TRACKING_ID is no secret
 * and must stay: at the end of the job the runner kills every process whose environment holds it,
 * the last net under a QEMU whose action was killed outright or whose post step never ran.
 */
const PASSED = ['LANG', 'LC_ALL', 'TMPDIR', 'RUNNER_TRACKING_ID'] as const;

/** PATH is the trusted one (program-search.ts): a child never finds a program in the workspace either. */
export function childEnvironment(): NodeJS.ProcessEnv {
  const passed: NodeJS.ProcessEnv = { PATH: trustedSearchPath() };
  for (const name of PASSED) {
    if (process.env[name] !== undefined) passed[name] = process.env[name];
  }
  return passed;
}
