import type { Fix } from '../../app/shapes/types';
import { runCommand } from '../commands/registry';

/** The one-click fix of an error ("Insert Flatten before this Linear"). */
export function FixButton({ fix }: { fix: Fix }) {
  return (
    <button
      className="nl-fix nodrag"
      data-testid="fix-button"
      title={fix.label}
      onClick={(e) => {
        e.stopPropagation();
        void runCommand('fix.apply', { fix });
      }}
    >
      {fix.label}
    </button>
  );
}
