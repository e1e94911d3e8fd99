import { metaData } from './meta-data.js';
import type { NoCloudDocuments, SeedSpec } from './seed-spec.js';

/** A PowerShell here-string (`@'…'@`) holds anything but a line that starts with `'@`. */
function hereString(text: string): string {
  if (/^'@/m.test(text)) throw new Error("cloudbase-init: text with a line starting '@ cannot go in a here-string");
  return `@'\n${text}\n'@`;
}

/**
 * cloudbase-init's NoCloud service (Windows): a `cidata` config drive whose meta-data gives the admin
 * account (`admin-username`, which it creates) its `public-keys`. The user-data is a `#ps1_sysnative`
 * script, run as LocalSystem, that replaces the OpenSSH server's host keys with the job's and restarts it.
 */
export function cloudbaseInitDocuments(spec: SeedSpec): NoCloudDocuments {
  const script = [
    '#ps1_sysnative',
    "$ErrorActionPreference = 'Stop'",
    "$sshDir = Join-Path $env:ProgramData 'ssh'",
    'New-Item -ItemType Directory -Force -Path $sshDir | Out-Null',
    "Get-ChildItem -Path $sshDir -Filter 'ssh_host_*' | Remove-Item -Force",
    "$key = Join-Path $sshDir 'ssh_host_ed25519_key'",
    `Set-Content -Path $key -Encoding ascii -Value ${hereString(spec.hostKey.privateKey.trim())}`,
    `Set-Content -Path "$key.pub" -Encoding ascii -Value ${hereString(spec.hostKey.publicKey.trim())}`,
    // sshd refuses a private key others can read: only SYSTEM and Administrators.
    "icacls $key /inheritance:r /grant 'SYSTEM:F' 'Administrators:F' | Out-Null",
    spec.guest.userland.sshdReload,
    "Write-Output 'solstice: the job''s SSH host key is installed'",
    '',
  ].join('\r\n');
  return { 'meta-data': metaData(spec, { 'admin-username': spec.user }), 'user-data': script };
}
