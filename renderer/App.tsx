import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useEditor } from './store';
import { Toolbar } from './panels/Toolbar';
import { Palette } from './panels/Palette';
import { Inspector } from './panels/Inspector';
import { StatusBar } from './panels/StatusBar';
import { GroupDialog } from './panels/GroupDialog';
import { Shortcuts } from './panels/Shortcuts';
import { RecoveryBanner } from './panels/RecoveryBanner';
import { Canvas } from './canvas/Canvas';
import { installShortcuts } from './commands/keyboard';
import { useHostBridge } from './hostBridge';
import { Dock, TrainingLockBanner } from './dock/Dock';

/** One window, four regions: toolbar, palette, canvas, inspector; the status bar below. */
export function App() {
  const theme = useEditor((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => installShortcuts(), []);
  useHostBridge();
  return (
    <ReactFlowProvider>
      <div className="nl-app">
        <Toolbar />
        <Palette />
        <main style={{ position: 'relative', minWidth: 0, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <RecoveryBanner />
          <TrainingLockBanner />
          <Canvas />
          <Dock />
        </main>
        <Inspector />
        <StatusBar />
      </div>
      <GroupDialog />
      <Shortcuts />
    </ReactFlowProvider>
  );
}
