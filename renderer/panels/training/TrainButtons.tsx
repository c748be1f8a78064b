import { runCommand } from '../../commands/registry';
import { useAnalysis } from '../../store/analysis';
import { useTraining } from '../../store/training';

/** Train ▶ ‖ ■ in the toolbar: the same commands as the Training tab, the menu and Mod+Enter / Mod+. */
export function TrainButtons() {
  const phase = useTraining((s) => s.phase);
  const errors = useAnalysis().errors.length;
  return (
    <>
      <span className="nl-sep" />
      {phase === 'paused' ? (
        <button
          className="nl-btn"
          data-testid="tb-train-resume"
          title="Resume training"
          onClick={() => void runCommand('train.resume')}
        >
          ▶ Resume
        </button>
      ) : (
        <button
          className="nl-btn"
          data-testid="tb-train-start"
          disabled={phase !== 'idle' || errors > 0}
          title={errors ? 'Fix the graph errors before training' : 'Start training (Ctrl+Enter)'}
          onClick={() => void runCommand('train.start')}
        >
          ▶ Train
        </button>
      )}
      <button
        className="nl-btn"
        data-testid="tb-train-pause"
        disabled={phase !== 'running'}
        title="Pause training"
        aria-label="Pause training"
        onClick={() => void runCommand('train.pause')}
      >
        ‖
      </button>
      <button
        className="nl-btn"
        data-testid="tb-train-stop"
        disabled={phase !== 'running' && phase !== 'paused'}
        title="Stop training (Ctrl+.)"
        aria-label="Stop training"
        onClick={() => void runCommand('train.stop')}
      >
        ■
      </button>
    </>
  );
}
