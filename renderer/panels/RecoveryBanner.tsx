import { useEditor } from '../store';
import { discardRecovery, restoreRecovery } from '../hostBridge';

/** After a crash: offer the unsaved work the autosave kept. */
export function RecoveryBanner() {
  const r = useEditor((s) => s.recovery);
  if (!r) return null;
  return (
    <div className="nl-banner" role="alert" data-testid="recovery-banner">
      <span>Unsaved work from {new Date(r.savedAt).toLocaleString()} was kept after Netloom closed.</span>
      <button className="nl-btn primary" data-testid="recovery-restore" onClick={() => void restoreRecovery()}>
        Restore
      </button>
      <button className="nl-btn" onClick={() => void discardRecovery()}>
        Discard
      </button>
    </div>
  );
}
