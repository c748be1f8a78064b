// Where the Vulkan loader would find no driver, the ladder says so without loading Dawn.
import { describe, expect, it } from 'vitest';
import { icdDirs, vulkanDriverMissing } from './vulkan';

const fs = (files: string[], dirs: string[]) => ({
  exists: (p: string) => files.includes(p) || dirs.includes(p),
  hasJson: (d: string) => dirs.includes(d),
});

describe('vulkanDriverMissing', () => {
  it('needs nothing off Linux', () => {
    expect(vulkanDriverMissing('darwin', {}, fs([], []))).toBeNull();
    expect(vulkanDriverMissing('win32', {}, fs([], []))).toBeNull();
  });

  it('finds a driver manifest where the loader looks, or the one VK_ICD_FILENAMES names', () => {
    expect(vulkanDriverMissing('linux', {}, fs([], ['/usr/share/vulkan/icd.d']))).toBeNull();
    expect(vulkanDriverMissing('linux', {}, fs([], ['/etc/vulkan/icd.d']))).toBeNull();
    expect(
      vulkanDriverMissing(
        'linux',
        { VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json' },
        fs(['/usr/lib/chromium/vk_swiftshader_icd.json'], []),
      ),
    ).toBeNull();
  });

  it('says why where there is none', () => {
    expect(vulkanDriverMissing('linux', {}, fs([], []))).toMatch(
      /^no Vulkan driver is installed .*set VK_ICD_FILENAMES$/,
    );
    expect(
      vulkanDriverMissing('linux', { VK_ICD_FILENAMES: '/nope.json' }, fs([], ['/usr/share/vulkan/icd.d'])),
    ).toMatch(/name \(\/nope\.json\) do not exist/);
  });

  it("searches the XDG directories in the loader's order", () => {
    expect(icdDirs({}, '/home/a')).toEqual([
      '/etc/xdg/vulkan/icd.d',
      '/etc/vulkan/icd.d',
      '/home/a/.local/share/vulkan/icd.d',
      '/usr/local/share/vulkan/icd.d',
      '/usr/share/vulkan/icd.d',
    ]);
    expect(icdDirs({ XDG_DATA_DIRS: '/opt/share', XDG_CONFIG_DIRS: '/c1:/c2' }, '/h')).toEqual([
      '/c1/vulkan/icd.d',
      '/c2/vulkan/icd.d',
      '/etc/vulkan/icd.d',
      '/h/.local/share/vulkan/icd.d',
      '/opt/share/vulkan/icd.d',
    ]);
  });
});
