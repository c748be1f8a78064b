import { TEMPLATES } from '../../app/templates';
import { runCommand } from '../commands/registry';

/** The templates gallery and a blank project. */
export function Templates() {
  return (
    <div className="nl-palette-group">
      <div className="nl-section-title">Templates</div>
      <button className="nl-template" onClick={() => runCommand('file.new')} data-testid="template-blank">
        <div>Blank project</div>
        <div className="desc">An empty canvas with one Input</div>
      </button>
      {TEMPLATES.map((t) => (
        <button
          key={t.name}
          className="nl-template"
          data-testid={`template-${t.name}`}
          title={t.description}
          onClick={() => runCommand('file.template', { name: t.name })}
        >
          <div>{t.name}</div>
          <div className="desc">{t.description}</div>
        </button>
      ))}
    </div>
  );
}
