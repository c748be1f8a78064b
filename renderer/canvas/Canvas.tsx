import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  ReactFlow,
  Background,
  BackgroundVariant,
  MiniMap,
  Controls,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type IsValidConnection,
} from '@xyflow/react';
import type { Position } from '../../app/graph/types';
import { useEditor, editorStore } from '../store';
import { analyze } from '../store/analysis';
import { createDeriver } from './derive';
import { applyMoves } from './applyMoves';
import { LayerNode } from './LayerNode';
import { ModuleNode } from './ModuleNode';
import { FrameNode } from './FrameNode';
import { ShapeEdge } from './ShapeEdge';
import { isModuleNodeId, moduleIdOf } from './containers';
import { LAYER_DRAG_TYPE } from '../panels/categories';
import { commandContext } from '../commands/context';
import { runCommand } from '../commands/registry';
import { connectionAllowed } from './connect';
import { createMeasuredAttacher, type Dims } from './measured';
import { LevelOfDetail } from './LevelOfDetail';
import { createSpotAttacher } from './labels';
import { useLabelSpots, withDetours } from './useLabelSpots';
import { fittedViewport } from './fit';

const nodeTypes = { layer: LayerNode, module: ModuleNode, frame: FrameNode };
const edgeTypes = { shape: ShapeEdge };
const derive = createDeriver();
const attachMeasured = createMeasuredAttacher();
const attachSpots = createSpotAttacher();
const fitOptions = { maxZoom: 1, padding: 0.08 };
/** Low enough that DenseNet-121 with every container expanded still fits the window (edge labels hide well above it). */
const MIN_ZOOM = 0.01;

/** Zoomed out, edge labels hide (data-lod); the hovered edge shows its own (class `hover` on its label). */
function hoverLabel(root: HTMLElement | null, id: string, on: boolean): void {
  root?.querySelector(`.nl-edge-label[data-edge-id="${CSS.escape(id)}"]`)?.classList.toggle('hover', on);
}

/** The React Flow canvas: a view of the Graph document; every change goes back through the store. */
export function Canvas() {
  const graph = useEditor((s) => s.graph);
  const selection = useEditor((s) => s.selection);
  const theme = useEditor((s) => s.theme);
  const analysis = analyze(graph);
  const [dims, setDims] = useState<ReadonlyMap<string, Dims>>(new Map());
  const derived = useMemo(() => derive(graph, analysis, selection), [graph, analysis, selection]);
  const horizontal = useEditor((s) => s.direction === 'RIGHT');
  const nodes = useMemo(() => attachMeasured(derived.nodes, dims), [derived, dims]);
  const { spots, routes } = useLabelSpots(nodes, derived.edges, horizontal);
  const view = useMemo(
    () => ({ nodes, edges: attachSpots(withDetours(derived.edges, routes), spots) }),
    [nodes, derived, spots, routes],
  );
  const viewRef = useRef(view);
  const root = useRef<HTMLDivElement>(null);
  viewRef.current = view;

  // Fit requests (a document opened, Fit, Layout) are served after React has committed the view they
  // came with, from the document's own boxes: not on a timer, not from what React Flow has measured.
  const fitRequest = useEditor((s) => s.fitRequest);
  const [flowReady, setFlowReady] = useState(false);
  const fitted = useRef(0);
  useEffect(() => {
    const flow = commandContext.flow;
    const el = root.current;
    if (fitRequest.tick === fitted.current || !flowReady || !flow || !el) return;
    fitted.current = fitRequest.tick;
    const vp = fittedViewport(view.nodes, el.clientWidth, el.clientHeight, MIN_ZOOM);
    if (vp) void flow.setViewport(vp, fitRequest.animate ? { duration: 200 } : undefined);
  }, [fitRequest, flowReady, view]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const s = editorStore.getState();
    const moves = new Map<string, Position>();
    let ended = false;
    const sel: { id: string; selected: boolean }[] = [];
    const sized: [string, Dims][] = [];
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) sized.push([c.id, c.dimensions]);
      if (c.type === 'position' && c.position) moves.set(c.id, c.position);
      if (c.type === 'position' && c.dragging === false) ended = true;
      if (c.type === 'select') sel.push({ id: c.id, selected: c.selected });
    }
    if (sel.length) s.toggleSelected(sel);
    if (sized.length) {
      setDims((prev) => {
        const next = new Map(prev);
        let changed = false;
        for (const [id, d] of sized) {
          const old = prev.get(id);
          if (!old || old.width !== d.width || old.height !== d.height) {
            next.set(id, d);
            changed = true;
          }
        }
        return changed ? next : prev;
      });
    }
    if (moves.size) {
      const current = new Map(viewRef.current.nodes.map((n) => [n.id, n.position]));
      s.beginDrag();
      s.dragTo(applyMoves(editorStore.getState().graph, moves, current));
    }
    if (ended) editorStore.getState().endDrag();
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const sel = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
    if (sel.length) editorStore.getState().toggleSelected(sel);
  }, []);

  const onConnect = useCallback((c: Connection) => runCommand('edge.connect', { connection: c }), []);
  const isValidConnection: IsValidConnection = useCallback(
    (c) => connectionAllowed(editorStore.getState().graph, c as Connection),
    [],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(LAYER_DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback((e: DragEvent) => {
    const type = e.dataTransfer.getData(LAYER_DRAG_TYPE);
    const flow = commandContext.flow;
    if (!type || !flow) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const position = { x: Math.round(p.x - 105), y: Math.round(p.y - 20) };
    const edgeId = edgeAt(e.clientX, e.clientY);
    // Only edges drawn between their own ends (not rerouted to a collapsed container) can be split here.
    const drawn = viewRef.current.edges.find((x) => x.id === edgeId);
    const real = editorStore.getState().graph.edges.find((x) => x.id === edgeId);
    if (drawn && real && drawn.source === real.source && drawn.target === real.target)
      void runCommand('layer.insertOnEdge', { type, edgeId: real.id, position });
    else void runCommand('layer.add', { type, position });
  }, []);

  // A click on the empty canvas clears the whole selection (React Flow only deselects what it draws).
  const onPaneClick = useCallback(() => {
    if (editorStore.getState().selection.size) editorStore.getState().select([]);
  }, []);

  const onNodeDoubleClick = useCallback((_: unknown, node: Node) => {
    if (isModuleNodeId(node.id)) void runCommand('module.toggle', { moduleId: moduleIdOf(node.id) });
  }, []);

  return (
    <div
      className="nl-canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
      ref={root}
      data-lod="near"
      data-items={view.nodes.length}
    >
      <ReactFlow
        nodes={view.nodes}
        edges={view.edges as Edge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={onNodeDoubleClick}
        onPaneClick={onPaneClick}
        onEdgeMouseEnter={(_, e) => hoverLabel(root.current, e.id, true)}
        onEdgeMouseLeave={(_, e) => hoverLabel(root.current, e.id, false)}
        tabIndex={-1}
        onInit={(inst) => {
          commandContext.flow = inst;
          setFlowReady(true);
        }}
        deleteKeyCode={null}
        elevateNodesOnSelect={false}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        colorMode={theme}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        fitView
        fitViewOptions={fitOptions}
        onlyRenderVisibleElements
        defaultEdgeOptions={{ type: 'shape' }}
        connectionRadius={28}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="var(--grid)" />
        <MiniMap pannable zoomable nodeClassName={miniClass} />
        <Controls showInteractive={false} />
        <LevelOfDetail target={root} />
      </ReactFlow>
      {view.nodes.length <= 1 && (
        <div className="nl-empty">
          Drag a layer from the palette, or double-click it.
          <br />
          Connect outputs (bottom) to inputs (top). Pick a template on the left to start from a known network.
        </div>
      )}
    </div>
  );
}

function miniClass(n: Node): string {
  if (n.type === 'frame') return 'mini-frame';
  if (n.type === 'module') return 'mini-cat cat-module';
  return `mini-cat cat-${(n.data as { category?: string }).category ?? 'unknown'}`;
}

/** The edge (or edge label) under a screen point, if any. */
function edgeAt(x: number, y: number): string | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    const label = (el as HTMLElement).closest?.('[data-edge-id]');
    if (label) return label.getAttribute('data-edge-id') ?? undefined;
    const edge = el.closest?.('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id') ?? undefined;
  }
  return undefined;
}
