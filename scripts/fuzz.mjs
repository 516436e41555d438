// `npm run fuzz`: the fuzz properties of test/fuzz.test.ts with many more
// cases (FUZZ_RUNS per property, 50,000 by default: over 100,000 in all) and a
// random seed, printed so a failure can be replayed:
//
//   npm run fuzz                        # 2 × 50,000 cases, a new seed each run
//   FUZZ_RUNS=5000 npm run fuzz         # a quicker pass
//   FUZZ_SEED=123456 npm run fuzz       # replay a seed
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = process.env.FUZZ_RUNS ?? '50000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: ${runs} cases per property, seed ${seed} (replay with FUZZ_SEED=${seed})`);
const started = Date.now();
const result = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
console.log(`fuzz: finished in ${((Date.now() - started) / 1000).toFixed(0)} s (exit ${result.status})`);
process.exit(result.status ?? 1);
