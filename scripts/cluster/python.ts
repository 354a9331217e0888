/**
 * The Python that runs the cluster trainer: Debian's /usr/bin/python3 with python3-torch (1.13) unless
 * AISLE_PYTHON names another (e.g. a virtual environment with a CUDA build of torch on a GPU cluster). Node only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError } from '../../src/shared/errors.ts';

/** The interpreter to run. */
export function pythonPath(): string {
  return process.env.AISLE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

/** torch's version and what it can do here; throws ConfigError saying how to install it when it is missing. */
export function torchInfo(python = pythonPath()): { version: string; cuda: number; gloo: boolean; nccl: boolean } {
  const probe =
    'import json, torch, torch.distributed as d\n' +
    "print(json.dumps({'version': torch.__version__, 'cuda': torch.cuda.device_count() if torch.cuda.is_available() else 0, " +
    "'gloo': d.is_available() and d.is_gloo_available(), 'nccl': d.is_available() and d.is_nccl_available()}))";
  const r = spawnSync(python, ['-c', probe], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new ConfigError(
      `PyTorch is not available to ${python} (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}). ` +
        'Install Debian\'s: apt-get install -y --no-install-recommends python3-torch python3-onnx (npm test does this), ' +
        'or point AISLE_PYTHON at a Python that has torch.',
    );
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
