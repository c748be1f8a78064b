/** Training as commands: the Electron menu's Train items, shortcuts and tests run these (Mod+Enter starts, Mod+. stops). */
import type { Command } from '../../commands/types';
import { getHost } from '../../host';
import { controlTraining, startTraining, trainingStore } from '../../store/training';
import { analyze } from '../../store/analysis';

const phase = () => trainingStore.getState().phase;

export const TRAINING_COMMANDS: Command[] = [
  {
    id: 'train.start',
    label: 'Start training',
    keys: ['Mod+Enter'],
    enabled: (store) => phase() === 'idle' && analyze(store.getState().graph).errors.length === 0,
    run: () => {
      trainingStore.getState().setTab('charts');
      return startTraining(getHost());
    },
  },
  {
    id: 'train.pause',
    label: 'Pause training',
    enabled: () => phase() === 'running',
    run: () => controlTraining(getHost(), 'pause'),
  },
  {
    id: 'train.resume',
    label: 'Resume training',
    enabled: () => phase() === 'paused',
    run: () => controlTraining(getHost(), 'resume'),
  },
  {
    id: 'train.stop',
    label: 'Stop training',
    keys: ['Mod+.'],
    enabled: () => phase() === 'running' || phase() === 'paused',
    run: () => controlTraining(getHost(), 'stop'),
  },
];
