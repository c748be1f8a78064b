import { useMemo } from 'react';
import { useEditor } from '../../store';
import { trainingOf, writeSetting } from './settingsEdit';

/**
 * The split choice: the validation split (the `validation split` field of Data) or K-fold
 * cross-validation with K folds (train+validation cut in K; the test split stays out). Saved in
 * the project as `training.kfold` (null = the validation split), so it is there when reopened.
 */
export function SplitChoice({ disabled }: { disabled: boolean }) {
  // Select the settings object (unchanged by canvas edits), and parse it only when it changes.
  const training = useEditor((s) => s.graph.training);
  const kfold = useMemo(() => trainingOf({ training }).kfold, [training]);
  const set = (k: number | null) => void writeSetting('training', 'kfold', k);
  return (
    <div className="nl-train-options" data-testid="split-choice">
      <label
        className="nl-field compact"
        title="validation split: hold out a fraction of train (random_split); K-fold: train K runs, each validating on its own K-th of train+validation"
      >
        <span className="nl-field-name">split</span>
        <select
          className="nl-input"
          value={kfold ? 'kfold' : 'val'}
          disabled={disabled}
          data-testid="split-kind"
          onChange={(e) => set(e.target.value === 'kfold' ? 5 : null)}
        >
          <option value="val">validation split</option>
          <option value="kfold">K-fold (K)</option>
        </select>
      </label>
      {kfold !== null && (
        <label className="nl-field compact" title="number of folds, 2 to 20">
          <span className="nl-field-name">K</span>
          <input
            className="nl-input"
            type="number"
            min={2}
            max={20}
            step={1}
            value={kfold}
            disabled={disabled}
            data-testid="kfold-k"
            onChange={(e) => {
              const k = Math.round(Number(e.target.value));
              if (k >= 2 && k <= 20) set(k);
            }}
            style={{ width: 56 }}
          />
        </label>
      )}
    </div>
  );
}
