import { dropoutConverter } from './dropout';

export const dropout2d = dropoutConverter(true);
