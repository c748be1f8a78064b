#!/usr/bin/env node
// Checks (and on Debian, as root, installs) the system packages the tests compare against:
// PyTorch, torchvision and ONNX under /usr/bin/python3, Fashion-MNIST, and Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const need = [];
const py = spawnSync('/usr/bin/python3', ['-c', 'import torch, torchvision, onnx'], { stdio: 'ignore' });
if (py.status !== 0) need.push('python3-torch', 'python3-torchvision', 'python3-onnx');
if (!existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz')) need.push('dataset-fashion-mnist');
if (!existsSync('/usr/bin/chromium')) need.push('chromium');
// The Vulkan loader: Dawn (the `webgpu` package) finds Chromium's SwiftShader driver through it.
if (!existsSync('/usr/lib/x86_64-linux-gnu/libvulkan.so.1') && !existsSync('/usr/lib/aarch64-linux-gnu/libvulkan.so.1'))
  need.push('libvulkan1');
if (need.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log(`[netloom] installing the test references from Debian: ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...need], { stdio: 'inherit', env });
  process.exit(0);
}
console.error(
  `[netloom] the tests compare against Debian packages that are missing here: ${need.join(' ')}.\n` +
    `Install them with: sudo apt-get install ${need.join(' ')}`,
);
process.exit(1);
