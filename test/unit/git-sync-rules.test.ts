import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyBackBudget } from '../../src/sync/copy-back-budget.js';
import { copyBackFilter } from '../../src/sync/copy-back-filter.js';
import { gitConfigForGuest } from '../../src/sync/git-config.js';
import { gitActsOn, isGitConfigFile } from '../../src/sync/git-metadata.js';

/** What actions/checkout v4 leaves in .git/config with its defaults, plus what other tools add. */
const CHECKOUT_CONFIG = `[core]
\trepositoryformatversion = 0
\tfilemode = true
\tbare = false
\tlogallrefupdates = true
\tfsmonitor = touch /tmp/pwned
\thooksPath = .githooks
\tsshCommand = ssh -o ProxyCommand='sh -c id'
[remote "origin"]
\turl = https://x-access-token:ghs_SECRET1@github.com/o/r
\tfetch = +refs/heads/*:refs/remotes/origin/*
\tuploadpack = sh -c id
[http "https://github.com/"]
\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX1NFQ1JFVDI=
[includeIf "gitdir:/home/runner/work/r/r/.git"]
\tpath = /home/runner/work/_temp/git-credentials-123.config
[include]
\tpath = ../secrets.config
[credential]
\thelper = store --file=/home/runner/.git-credentials
[url "https://ghs_SECRET3@github.com/"]
\tinsteadOf = https://github.com/
[filter "lfs"]
\tclean = sh -c id
[branch "main"]
\tremote = origin
\tmerge = refs/heads/main
[submodule "lib"]
\turl = https://ghs_SECRET4@github.com/o/lib
\tactive = true
\tupdate = !sh -c id
[extensions]
\tobjectformat = sha256
[remote "mirror"]
\turl = "https://user:ghs_SECRET5@example.com/r" ; a comment
\tpushurl = git@github.com:o/r.git
[core]
\tcontinued = one \\
two
`;

describe('the git configuration the guest gets', () => {
  it('keeps what git needs to read the repository, and no credential, command or include', () => {
    const scrubbed = gitConfigForGuest(CHECKOUT_CONFIG);
    assert.doesNotMatch(scrubbed, /SECRET|AUTHORIZATION|extraheader|credential|include|insteadof|fsmonitor|hookspath/i);
    assert.doesNotMatch(scrubbed, /sh -c|sshcommand|uploadpack|\tupdate|filter|continued/i);
    assert.equal(
      scrubbed,
      [
        '[core]',
        '\trepositoryformatversion = "0"',
        '\tfilemode = "true"',
        '\tbare = "false"',
        '\tlogallrefupdates = "true"',
        '[remote "origin"]',
        '\turl = "https://github.com/o/r"',
        '\tfetch = "+refs/heads/*:refs/remotes/origin/*"',
        '[branch "main"]',
        '\tremote = "origin"',
        '\tmerge = "refs/heads/main"',
        '[submodule "lib"]',
        '\turl = "https://github.com/o/lib"',
        '\tactive = "true"',
        '[extensions]',
        '\tobjectformat = "sha256"',
        '[remote "mirror"]',
        '\turl = "https://example.com/r"',
        '\tpushurl = "git@github.com:o/r.git"',
        '',
      ].join('\n'),
    );
  });

  it('an empty or unreadable file gives an empty configuration', () => {
    assert.equal(gitConfigForGuest(''), '');
    assert.equal(gitConfigForGuest('[core\n\tbare = false\n'), '');
  });
});

describe('which git metadata copy-back brings back', () => {
  it('nothing of .git unless a copy-back pattern names .git itself', () => {
    const all = copyBackFilter([]);
    assert.equal(all('dist/app.js'), true);
    for (const path of ['.git', '.git/config', 'vendor/x/.git/HEAD', 'sub/.git']) assert.equal(all(path), false, path);
    const wildcards = copyBackFilter(['**', '*']);
    assert.equal(wildcards('.git/objects/ab/cd'), false, 'a wildcard does not name .git');
    const named = copyBackFilter(['.git', 'vendor/**/.git/**']);
    assert.equal(named('.git/objects/ab/cd'), true);
    assert.equal(named('vendor/x/.git/HEAD'), true);
    assert.equal(named('dist/app.js'), false);
  });

  it('never what git runs or reads as configuration, at any depth', () => {
    for (const path of [
      '.git/config',
      '.git/config.worktree',
      '.git/hooks/pre-commit',
      '.git/info/attributes',
      '.git/objects/info/alternates',
      '.git/modules/lib/config',
      '.git/modules/lib/hooks/post-checkout',
      '.git/worktrees/w/commondir',
      'vendor/x/.git/config',
    ])
      assert.ok(gitActsOn(path), path);
    for (const path of ['.git/HEAD', '.git/objects/ab/cd', '.git/refs/heads/config', '.git/logs/HEAD', '.git/index'])
      assert.equal(gitActsOn(path), undefined, path);
    assert.equal(isGitConfigFile('.git/modules/lib/config'), true);
    assert.equal(isGitConfigFile('.git/refs/heads/config'), false);
    assert.equal(isGitConfigFile('config'), false);
  });
});

describe('the copy-back budget', () => {
  const GiB = 2 ** 30;
  it('leaves 5 % (at most 1 GiB) of the space and of the inodes free', () => {
    const small = copyBackBudget(
      { bsize: 4096, blocks: (10 * GiB) / 4096, bavail: (2 * GiB) / 4096, files: 100_000, ffree: 50_000 },
      16 * GiB,
    );
    assert.equal(small.maxBytes, 2 * GiB - 0.5 * GiB);
    assert.equal(small.maxEntries, 50_000 - 5_000);
    assert.match(small.bytesReason, /free/);
    const big = copyBackBudget(
      { bsize: 4096, blocks: (1000 * GiB) / 4096, bavail: (900 * GiB) / 4096, files: 0, ffree: 0 },
      16 * GiB,
    );
    assert.equal(big.maxBytes, 16 * GiB, 'the fixed limit');
    assert.equal(big.maxEntries, 500_000, 'a file system without inode counts limits by entries');
    const full = copyBackBudget({ bsize: 4096, blocks: 1000, bavail: 10, files: 10, ffree: 0 }, 16 * GiB);
    assert.equal(full.maxBytes, 0);
    assert.equal(full.maxEntries, 0);
  });
});
