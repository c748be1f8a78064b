/**
 * `netloom inspect FILE [--json] [--repr] [--modules] [--children]`: shapes, parameters, MACs,
 * errors and the module tree of a project as PyTorch would show it.
 * Exit 0 valid graph, 1 invalid graph (output still printed, every error in it), 2 unreadable file.
 */
import { readProjectFile } from './project-file';
import {
  buildModuleTree,
  children,
  compactJson,
  inspectReport,
  modules,
  namedParameters,
  reprLineCount,
  reprList,
  reprModel,
  stateDictEntries,
  summaryTable,
} from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { settingsProblem } from '../../../app/training/project-settings';
import type { Command } from './main';
import { parseCommand } from './args';
import { lintReport } from './lint-report';

const HELP = `usage: netloom inspect FILE [--json] [--lint] [--repr] [--modules] [--children] [--named-parameters] [--state-dict]

Shape inference, parameter and MAC counts and errors of a project file.
  (default)    a table: module, type, output shape [N, C, H, W], parameters; then totals
  --json       {"nodes": [{"id", "type", "shape", "params", "macs", "error"}], "total_params",
               "trainable_params", "total_macs", "errors": [...]}; shapes per sample, null if unknown
  --lint       the network doctor: likely mistakes in the graph and the training settings, each
               with its reason and fixes (with --json: {"findings": [...], "errors", "warnings", ...});
               exit 1 when one is an error, 0 with warnings only
  --repr       the exact text of PyTorch's print(model)
  --modules    print(list(model.modules())) and its length
  --children   print(list(model.children())) and its length
  --named-parameters   for n, p in model.named_parameters(): print(n, p.shape)
  --state-dict         for k, v in model.state_dict().items(): print(k, v.shape)
Exit status: 0 valid, 1 invalid graph (errors are printed), 2 unreadable or malformed file.`;

/** `--modules` repeats every subtree; beyond this many lines it is refused (PyTorch would hit its recursion limit). */
const MAX_LISTING_LINES = 2_000_000;

type Flags = {
  json?: boolean;
  lint?: boolean;
  repr?: boolean;
  modules?: boolean;
  children?: boolean;
  'named-parameters'?: boolean;
  'state-dict'?: boolean;
};

const torchSize = (shape: number[]): string => `torch.Size([${shape.join(', ')}])`;

export const command: Command = {
  summary: 'shapes, parameters, MACs, errors and print(model) of a project',
  async run(argv) {
    // `netloom inspect big.json | head`: a closed pipe ends the output quietly, not with a stack trace.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
    const args = parseCommand<Flags>(
      'inspect',
      argv,
      {
        json: { type: 'boolean' },
        lint: { type: 'boolean' },
        repr: { type: 'boolean' },
        modules: { type: 'boolean' },
        children: { type: 'boolean' },
        'named-parameters': { type: 'boolean' },
        'state-dict': { type: 'boolean' },
      },
      HELP,
    );
    if (typeof args === 'number') return args;
    const { values, positionals } = args;
    if (positionals.length !== 1) {
      console.error('netloom inspect: give exactly one project file (see netloom inspect --help)');
      return 2;
    }
    const file = positionals[0];
    const parsed = readProjectFile(file);
    if (!parsed.ok) {
      console.error(`netloom inspect: ${parsed.error}`);
      return 2;
    }
    const graph = parsed.value;
    const analysis = analyzeGraph(graph);
    // A bad training or dataset setting makes the project invalid too (an export refuses it).
    const settings = settingsProblem(graph);
    if (settings) analysis.errors.push({ message: settings });
    if (values.lint) {
      const report = lintReport(graph, analysis, values.json === true);
      console.log(report.text);
      return report.status;
    }
    const status = analysis.errors.length > 0 ? 1 : 0;
    const sections: string[] = [];
    if (values.json) sections.push(compactJson(inspectReport(graph, analysis)));
    const listing =
      values.repr || values.modules || values.children || values['named-parameters'] || values['state-dict'];
    const needTree = listing || !values.json;
    if (needTree) {
      const tree = buildModuleTree(graph, analysis);
      if (values.repr) sections.push(reprModel(tree));
      if (values.modules) {
        const all = modules(tree);
        const lines = all.reduce((n, m) => n + reprLineCount(m), 0);
        if (lines > MAX_LISTING_LINES) {
          console.error(
            `netloom inspect: ${file}: list(model.modules()) would print ${lines} lines (modules nested deeply repeat their whole subtree); use --repr`,
          );
          return 2;
        }
        sections.push(`${reprList(all)}\n${all.length}`);
      }
      if (values.children) sections.push(`${reprList(children(tree.root))}\n${children(tree.root).length}`);
      if (values['named-parameters'])
        sections.push(
          namedParameters(tree)
            .map((p) => `${p.name} ${torchSize(p.shape)}`)
            .join('\n'),
        );
      if (values['state-dict'])
        sections.push(
          stateDictEntries(tree)
            .map((e) => `${e.name} ${torchSize(e.shape)}`)
            .join('\n'),
        );
      if (!values.json && !listing) sections.push(summaryTable(graph, analysis, tree));
    }
    console.log(sections.join('\n'));
    if (status !== 0 && !values.json && listing) {
      console.error(
        `netloom inspect: ${file}: ${analysis.errors.length} error(s); run netloom inspect ${file} to see them`,
      );
    }
    return status;
  },
};
