/** The template gallery from app/templates, as project file text. */
import { serializeProject } from '../../../app/graph/serialize';
import { TEMPLATES, buildTemplate } from '../../../app/templates';
import { err, ok } from '../../../app/result';
import type { TemplateSource } from './types';

export const appTemplates: TemplateSource = {
  list: () => TEMPLATES.map((t) => ({ name: t.name, description: t.description })),
  build(name) {
    const built = buildTemplate(name);
    if (!built.ok) return err({ code: 'not-found', message: built.error });
    return ok(serializeProject(built.value));
  },
};
