// The git helper shell a served model's alias watch asks: the same answers as starting git directly
// (real repository), arguments that need quoting, a failing command, and commands one after another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitExecutor } from '../../../server/src/core/registry/git';
import { GitShell } from '../../../server/src/core/serving/gitShell';
import { sandbox } from '../../git/helpers';

test('git through the helper shell answers as git started directly, one command after another, and refuses what git refuses', async () => {
  const s = sandbox({ init: true, commit: true });
  const shell = new GitShell(s.dir, s.env);
  try {
    s.git('tag', '-a', "m#it's", '-m', 'promoted: "v1" & more');
    s.git('tag', 'm@v1');
    const direct = new GitExecutor(s.dir, s.env);
    // Quotes, spaces, %(...) and a glob in the arguments reach git unchanged.
    const args = ['for-each-ref', '--format=%(refname:strip=2) %(*objectname) %(objectname) %(contents:subject)', 'refs/tags/m*'];
    const [viaShell, viaGit] = await Promise.all([shell.ok(args), direct.ok(args)]);
    assert.equal(viaShell, viaGit);
    assert.match(viaShell, /^m#it's [0-9a-f]{40} [0-9a-f]{40} promoted: "v1" & more$/m);
    // Queued commands each get their own answer, empty output included.
    const answers = await Promise.all([shell.ok(['rev-parse', 'HEAD']), shell.ok(['tag', '--list', 'none*']), shell.ok(['rev-parse', '--abbrev-ref', 'HEAD'])]);
    assert.deepEqual(answers, [s.git('rev-parse', 'HEAD').trim(), '', s.git('rev-parse', '--abbrev-ref', 'HEAD').trim()]);
    await assert.rejects(shell.ok(['rev-parse', '--verify', 'refs/tags/absent']), /exited 128/);
    assert.equal(await shell.ok(['rev-parse', 'HEAD']), answers[0], 'a failure leaves the shell usable');
  } finally {
    shell.close();
    s.cleanup();
  }
});
