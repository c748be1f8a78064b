/**
 * Where the built-in datasets can be downloaded from, with their known digests.
 * `sha256` is the digest of the file as the mirrors serve it. `contentSha256`, for gzipped files,
 * is the digest of the decompressed bytes: it also accepts a copy that was recompressed (Debian's
 * dataset-fashion-mnist package recompresses the files; their content is the same).
 */
export interface RemoteFile {
  name: string;
  sha256: string;
  contentSha256?: string;
  /** Size as served, when known (a shorter download is resumed, not rejected). */
  bytes?: number;
}

export interface DatasetManifest {
  /** Cache sub-folder (= the source name). */
  name: string;
  /** Base URLs tried in order; a file's URL is base + name. */
  mirrors: string[];
  files: RemoteFile[];
  /** A `.tar.gz` to unpack into the cache folder after the download. */
  unpack?: string;
}

export const MNIST_MANIFEST: DatasetManifest = {
  name: 'mnist',
  mirrors: [
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'http://yann.lecun.com/exdb/mnist/',
  ],
  files: [
    {
      name: 'train-images-idx3-ubyte.gz',
      sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
      bytes: 9912422,
    },
    {
      name: 'train-labels-idx1-ubyte.gz',
      sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
      bytes: 28881,
    },
    {
      name: 't10k-images-idx3-ubyte.gz',
      sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
      bytes: 1648877,
    },
    {
      name: 't10k-labels-idx1-ubyte.gz',
      sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
      bytes: 4542,
    },
  ],
};

export const FASHION_MNIST_MANIFEST: DatasetManifest = {
  name: 'fashion-mnist',
  mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
  files: [
    {
      name: 'train-images-idx3-ubyte.gz',
      sha256: '08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc',
      contentSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    },
    {
      name: 'train-labels-idx1-ubyte.gz',
      sha256: 'b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc',
      contentSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    },
    {
      name: 't10k-images-idx3-ubyte.gz',
      sha256: '78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229',
      contentSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    },
    {
      name: 't10k-labels-idx1-ubyte.gz',
      sha256: '42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf',
      contentSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    },
  ],
};

export const CIFAR10_MANIFEST: DatasetManifest = {
  name: 'cifar10',
  mirrors: ['https://www.cs.toronto.edu/~kriz/'],
  files: [
    {
      name: 'cifar-10-binary.tar.gz',
      sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
      bytes: 170052171,
    },
  ],
  unpack: 'cifar-10-binary.tar.gz',
};

export const MANIFESTS: Record<string, DatasetManifest> = {
  mnist: MNIST_MANIFEST,
  'fashion-mnist': FASHION_MNIST_MANIFEST,
  cifar10: CIFAR10_MANIFEST,
};
