/** The Doctor tab: advice before training (lint with fixes) and after (the run's curves read, remedies as variants). */
import { useEffect } from 'react';
import { DoctorHighlight, highlightStore } from './highlight';
import { LintList } from './LintList';
import { RunDiagnosis } from './RunDiagnosis';
import './doctor.css';

export function DoctorPanel() {
  useEffect(() => () => highlightStore.getState().clear(), []);
  return (
    <div className="nl-doctor" data-testid="doctor-panel" onMouseLeave={() => highlightStore.getState().clear()}>
      <DoctorHighlight />
      <LintList />
      <RunDiagnosis />
    </div>
  );
}
