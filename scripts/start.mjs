#!/usr/bin/env node
// `npm start`: builds what is not built yet (incremental), then runs `tvox-connector demo`: the
// TVox simulator and a connector with the web chat, on embedded defaults. Arguments after `--`
// go to the demo (`npm start -- --transport soap`). Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const build = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const demo = spawn(
  process.execPath,
  [join(root, 'packages/cli/dist/bin/tvox-connector.js'), 'demo', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// Ctrl-C reaches the demo too (same process group); wait for it to stop cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    demo.kill(signal);
  });
}
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
