// Shared helpers of the Node tests: install the packed package into a scratch project, exactly
// as an integrator's `npm install` would, and read the native parity cases.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TSC = join(ROOT, '.tools', 'node_modules', '.bin', 'tsc');

/** The tarball `tests/scripts/package.sh` packed. */
export function tarball() {
  const dir = join(ROOT, 'target', 'npm');
  const tgz = existsSync(dir) ? readdirSync(dir).filter((f) => /^gom-validator-.*\.tgz$/.test(f)) : [];
  if (tgz.length !== 1) throw new Error(`expected one packed package in ${dir}; run tests/scripts/package.sh`);
  return join(dir, tgz[0]);
}

/** A scratch project with @gom/validator installed from the tarball (offline); removed when
 * the test process exits. */
export function installedProject() {
  const dir = mkdtempSync(join(tmpdir(), 'gom-integrator-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball()], { cwd: dir, stdio: 'pipe' });
  return dir;
}

/** `require('@gom/validator')` from inside the project: the nodejs build, as Node resolves it. */
export function requirePackage(dir) {
  return createRequire(join(dir, 'package.json'))('@gom/validator');
}

/** The native answers (`cargo test -p gom-core --features js --lib js::tests`). */
export function parityCases() {
  const file = join(ROOT, 'target', 'parity', 'cases.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run cargo test -p gom-core --features js --lib js::tests`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
