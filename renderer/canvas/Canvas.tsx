import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
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
  useStoreApi,
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
import { LevelOfDetail, CANVAS_BELOW } from './LevelOfDetail';
import { FarCanvas } from './FarCanvas';
import { boxOf, buildFarScene, hitTest } from './farScene';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeData';
import { createSpotAttacher } from './labels';
import { useLabelSpots, withDetours } from './useLabelSpots';
import { fittedViewport, type ScreenBox } from './fit';

const nodeTypes = { layer: LayerNode, module: ModuleNode, frame: FrameNode };
const edgeTypes = { shape: ShapeEdge };
const derive = createDeriver();
const attachMeasured = createMeasuredAttacher();
const attachSpots = createSpotAttacher();
// Hidden nodes (drawn on the low-zoom canvas, see useFar) count in every fit.
const fitOptions = { maxZoom: 1, padding: 0.08, includeHiddenNodes: true };
/** After the last viewport change, how long before the canvas hands back to React Flow's elements. */
const SETTLE_MS = 200;
/** Low enough that DenseNet-121 with every container expanded still fits the window (edge labels hide well above it). */
const MIN_ZOOM = 0.01;

/** Zoomed out, edge labels hide (data-lod); the hovered edge shows its own (class `hover` on its label). */
function hoverLabel(root: HTMLElement | null, id: string, on: boolean): void {
  root?.querySelector(`.nl-edge-label[data-edge-id="${CSS.escape(id)}"]`)?.classList.toggle('hover', on);
}

/**
 * Whether the graph is drawn on the low-zoom canvas (FarCanvas) instead of as React Flow elements.
 * Zooming out below CANVAS_BELOW switches at once: from there on no element is mounted per frame, which
 * is what made zooming out of a large expanded network stutter. Zooming back in, the elements return
 * only once the viewport has settled (SETTLE_MS without a change), so a gesture never mounts and
 * unmounts nodes frame by frame.
 */
function useFar(): boolean {
  const store = useStoreApi();
  const [far, setFar] = useState(() => store.getState().transform[2] < CANVAS_BELOW);
  const current = useRef(far);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const set = (v: boolean) => {
      if (current.current === v) return;
      current.current = v;
      setFar(v);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform === prev.transform) return;
      clearTimeout(timer);
      if (s.transform[2] < CANVAS_BELOW) set(true);
      else if (current.current)
        timer = setTimeout(() => {
          if (store.getState().transform[2] >= CANVAS_BELOW) set(false);
        }, SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
  return far;
}

/**
 * React Flow keeps hidden nodes (for fits) but draws none of them, nor their edges. They carry no
 * selection: the canvas draws it from the store, and a pane click (React Flow deselects every
 * selected element after it) must not undo what the click selected.
 */
const hiddenNodes = new WeakMap<Node, Node>();
const hiddenEdges = new WeakMap<Edge, Edge>();
function hide<T extends Node | Edge>(cache: WeakMap<T, T>, x: T, extra: Partial<T>): T {
  let h = cache.get(x);
  if (!h) cache.set(x, (h = { ...x, hidden: true, ...extra }));
  return h;
}

/** The React Flow canvas: a view of the Graph document; every change goes back through the store. */
/** The boxes drawn over the canvas that a fit keeps nodes out of: the minimap and the zoom buttons (with a margin). */
function overlays(el: HTMLElement): ScreenBox[] {
  const at = el.getBoundingClientRect();
  const margin = 8;
  return ['.react-flow__minimap', '.react-flow__controls'].flatMap((sel) => {
    const r = el.querySelector(sel)?.getBoundingClientRect();
    if (!r || r.width === 0 || r.height === 0) return [];
    return [
      {
        x: r.left - at.left - margin,
        y: r.top - at.top - margin,
        width: r.width + 2 * margin,
        height: r.height + 2 * margin,
      },
    ];
  });
}

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
  const far = useFar();
  const scene = useMemo(
    () => (far ? buildFarScene(view.nodes, view.edges, horizontal) : null),
    [far, view, horizontal],
  );
  const sceneRef = useRef(scene);
  sceneRef.current = scene;
  // Unmeasured nodes (never drawn as elements) get their nominal size, so a fit still covers them.
  const flowNodes = useMemo(
    () =>
      far
        ? view.nodes.map((n) =>
            hide(
              hiddenNodes,
              n,
              n.measured || n.width
                ? { selected: false }
                : { selected: false, initialWidth: NODE_WIDTH, initialHeight: NODE_HEIGHT },
            ),
          )
        : view.nodes,
    [far, view],
  );
  const flowEdges = useMemo(
    () => (far ? view.edges.map((e) => hide(hiddenEdges, e as Edge, { selected: false })) : view.edges),
    [far, view],
  );

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
    commandContext.fits++;
    const vp = fittedViewport(view.nodes, el.clientWidth, el.clientHeight, MIN_ZOOM, overlays(el));
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
  // On the low-zoom canvas every click reaches the pane: the node under it, if any, is selected
  // (Ctrl/Cmd adds or removes it).
  const onPaneClick = useCallback((e: MouseEvent) => {
    const s = editorStore.getState();
    const hit = sceneHit(sceneRef.current, e);
    if (hit) {
      if (e.ctrlKey || e.metaKey) s.toggleSelected([{ id: hit, selected: !s.selection.has(hit) }]);
      else s.select([hit]);
      return;
    }
    if (s.selection.size) s.select([]);
  }, []);

  // On the low-zoom canvas a double-click zooms in: onto the node under it (to full size, where it is
  // an element again), else twice as close around the pointer.
  const onDoubleClick = useCallback((e: MouseEvent) => {
    const flow = commandContext.flow;
    const scene = sceneRef.current;
    if (!scene || !flow || !(e.target as Element).closest?.('.react-flow__pane')) return;
    const hit = sceneHit(scene, e);
    const b = hit ? boxOf(scene, hit) : undefined;
    if (b) {
      void flow.setCenter(b.x + b.w / 2, b.y + Math.min(b.h, 400) / 2, { zoom: 1, duration: 250 });
      return;
    }
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const z = Math.min(1, flow.getZoom() * 2);
    const { x, y, zoom } = flow.getViewport();
    // Keep the flow point under the pointer where it is.
    const sx = p.x * zoom + x,
      sy = p.y * zoom + y;
    void flow.setViewport({ x: sx - p.x * z, y: sy - p.y * z, zoom: z }, { duration: 200 });
  }, []);

  const onNodeDoubleClick = useCallback((_: unknown, node: Node) => {
    if (isModuleNodeId(node.id)) void runCommand('module.toggle', { moduleId: moduleIdOf(node.id) });
  }, []);

  return (
    <div
      className="nl-canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDoubleClick={far ? onDoubleClick : undefined}
      data-testid="canvas"
      ref={root}
      data-lod="near"
      data-items={view.nodes.length}
      data-render={far ? 'canvas' : 'elements'}
    >
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges as Edge[]}
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
        zoomOnDoubleClick={!far}
        minZoom={MIN_ZOOM}
        maxZoom={2.5}
        fitView
        fitViewOptions={fitOptions}
        onlyRenderVisibleElements
        defaultEdgeOptions={{ type: 'shape' }}
        connectionRadius={28}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="var(--grid)" />
        {scene && <FarCanvas scene={scene} />}
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

/** The node under a click on the low-zoom canvas (a few screen pixels of slop: boxes are small out there). */
function sceneHit(scene: ReturnType<typeof buildFarScene> | null, e: MouseEvent): string | undefined {
  const flow = commandContext.flow;
  if (!scene || !flow) return undefined;
  const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
  return hitTest(scene, p.x, p.y, 3 / flow.getZoom());
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
