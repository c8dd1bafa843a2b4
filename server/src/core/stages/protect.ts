import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A stage's previous outputs, moved aside while it runs (a rename, so it costs nothing): a stage that
 * fails or is cancelled gets them put back as they were, and one that succeeds drops them. Commands
 * thus always write fresh outputs, as with DVC, and a broken run never leaves half-written files.
 */
export class SetAside {
  private readonly moved: Array<{ target: string; aside: string }> = [];
  private readonly folder: string;

  constructor(private readonly dir: string, private readonly outs: string[], root: string) {
    this.folder = join(root, `${Date.now()}-${randomBytes(4).toString('hex')}`);
    outs.forEach((out, i) => {
      const target = join(dir, out);
      if (!existsSync(target)) return;
      const aside = join(this.folder, String(i));
      mkdirSync(this.folder, { recursive: true });
      renameSync(target, aside);
      this.moved.push({ target, aside });
    });
  }

  /** Removes whatever the stage wrote and puts the previous outputs back. */
  restore(): void {
    for (const out of this.outs) rmSync(join(this.dir, out), { recursive: true, force: true });
    for (const m of this.moved) {
      mkdirSync(dirname(m.target), { recursive: true });
      renameSync(m.aside, m.target);
    }
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** The stage succeeded: its previous outputs are not needed any more. */
  discard(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
