import { BLOCKS } from '../../app/templates/blocks';
import { runCommand } from '../commands/registry';
import { focusCanvas } from '../commands/keyboard';

/** Ready-made containers (torchvision's SqueezeExcitation, InvertedResidual): click to add after the selected layer. */
export function Blocks({ query }: { query: string }) {
  const q = query.trim().toLowerCase();
  const hits = BLOCKS.filter((b) => !q || b.name.toLowerCase().includes(q) || b.description.toLowerCase().includes(q));
  if (hits.length === 0) return null;
  return (
    <div className="nl-palette-group cat-merge">
      <div className="nl-palette-cat">
        <span className="nl-dot" />
        Blocks
      </div>
      {hits.map((b) => (
        <button
          key={b.name}
          type="button"
          className="nl-palette-item nl-palette-block"
          data-testid={`block-${b.name}`}
          title={`${b.description}\nClick to add after the selected layer (sized to its channels)`}
          onClick={() => {
            void runCommand('block.add', { name: b.name });
            focusCanvas();
          }}
        >
          <span>{b.name}</span>
        </button>
      ))}
    </div>
  );
}
