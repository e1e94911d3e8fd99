/** What is typed on a console-provisioned guest's serial console (pure). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  ackCommand,
  ackMarker,
  consoleScript,
  keyMarker,
  MAX_TYPED_LINE,
  runCommand,
  doneMarker,
  typingCommands,
} from '../../src/seed/console-script.js';
import { generateEd25519 } from '../../src/ssh/keys.js';

const login = generateEd25519('login');
const nonce = '0123456789abcdef';

describe('console provisioning', () => {
  for (const sshd of ['openssh', 'dropbear'] as const) {
    const script = consoleScript({
      user: 'root',
      authorizedKey: login.publicKey,
      userland: { sshd, sshdReload: 'service sshd restart' },
      nonce,
    });
    it(`${sshd}: a POSIX sh script that keys only the job, locks empty passwords, makes and prints a fresh host key`, () => {
      const text = `${script.join('\n')}\n`;
      for (const shell of ['dash', 'sh']) {
        const check = spawnSync(shell, ['-n'], { input: text, encoding: 'utf8' });
        assert.equal(check.status, 0, `${shell} -n: ${check.stderr}`);
      }
      assert.ok(text.includes(login.publicKey));
      assert.match(text, /rm -f "\$f"; done/, 'every baked authorized_keys goes');
      assert.match(text, /passwd -l "\$a"/, 'passwordless accounts are locked');
      assert.match(text, sshd === 'dropbear' ? /dropbearkey -t ed25519/ : /ssh-keygen -q -t ed25519/);
      if (sshd === 'openssh') assert.match(text, /'PermitEmptyPasswords no' 'PasswordAuthentication no'/);
      assert.ok(text.includes(`echo "SOLSTICE_KEY_$((1+1))_${nonce} $solstice_pub"`));
    });
    it(`${sshd}: typed in lines every terminal takes, whose echo never looks like the output awaited`, () => {
      const path = join(mkdtempSync(join(tmpdir(), 'solstice-typed-')), `solstice-provision-${nonce}.sh`);
      const commands = typingCommands(script, path);
      for (const [index, command] of commands.entries()) {
        const typed = `${command}; ${ackCommand(index + 1, nonce)}`;
        assert.ok(typed.length <= MAX_TYPED_LINE, `${typed.length} bytes: ${typed}`);
        assert.ok(!typed.includes(ackMarker(index + 1, nonce)));
        assert.ok(!typed.includes(keyMarker(nonce)));
        assert.ok(/^[\x20-\x7e]*$/.test(typed), 'printable ASCII only');
      }
      assert.ok(!doneMarker(nonce).test(runCommand(path, nonce)));
      // Typed into a real sh, the commands rebuild the script byte for byte.
      assert.equal(spawnSync('sh', ['-c', commands.join('\n')]).status, 0);
      assert.equal(readFileSync(path, 'utf8'), `${script.join('\n')}\n`);
    });
  }
});
