// Builds the VSIX (npm run package): bundles first, then @vscode/vsce 3 with the production dependencies
// filtered by the .vscodeignore allow-list. The DuckDB binding is native, so the VSIX targets this
// platform (e.g. linux-x64); build it on each platform you ship.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const platform = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
const target = platform ? `${platform}-${process.arch}` : null;
const out = 'dist/mlops-workbench.vsix';
const args = ['vsce', 'package', '--out', out, '--allow-missing-repository', '--skip-license',
  ...(target ? ['--target', target] : [])];
const r = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit', env: { ...process.env, npm_config_yes: 'false' } });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB, target ${target ?? 'universal'}`);
