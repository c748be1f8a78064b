import type { AnyLayerSpec } from '../../app/layers/spec';

/** What the selected layer does, from its spec's help (written for someone learning CNNs); folds away. */
export function LayerHelp({ spec }: { spec: AnyLayerSpec }) {
  return (
    <details className="nl-help" open data-testid="layer-help">
      <summary>About {spec.type}</summary>
      <p>{spec.help.summary}</p>
    </details>
  );
}
