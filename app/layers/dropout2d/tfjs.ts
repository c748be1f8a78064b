import { dropoutConverter } from '../dropout/tfjs';

export const dropout2d = dropoutConverter(true);
