import type { ReactFlowInstance } from '@xyflow/react';

/**
 * What commands need beyond the store: the React Flow instance (viewport, coordinates).
 * Set by the canvas on init; never kept in the store.
 */
export const commandContext: { flow: ReactFlowInstance | null } = { flow: null };
