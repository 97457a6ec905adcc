// Runs a wasm32-wasip1 command module under Node.js's WASI (V8, the Wasm engine Envoy
// embeds): `node bench/wasi-run.mjs MODULE [ARGS...]`. Exits with the module's exit code.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { WASI } from 'node:wasi';

const [modulePath, ...args] = process.argv.slice(2);
if (!modulePath) {
  console.error('usage: node bench/wasi-run.mjs MODULE [ARGS...]');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [modulePath, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(modulePath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
