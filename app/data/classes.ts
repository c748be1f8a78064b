/** Class names of the built-in datasets, index = label (as torchvision's `.classes`). */
export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

export const SYNTHETIC_CLASSES = [
  'circle',
  'ring',
  'square',
  'frame',
  'triangle',
  'plus',
  'cross',
  'star',
  'two dots',
  'half-moon',
];
