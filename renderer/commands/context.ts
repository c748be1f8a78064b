import type { ReactFlowInstance } from '@xyflow/react';

/**
 * What commands need beyond the store: the React Flow instance (viewport, coordinates), and how
 * many fits the canvas has served (a reveal scheduled before a fit must not undo it). Set by the
 * canvas; never kept in the store.
 */
export const commandContext: { flow: ReactFlowInstance | null; fits: number } = { flow: null, fits: 0 };
