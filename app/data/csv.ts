/**
 * CSV tables for MLPs: a header row, numeric feature columns and one label column (by name).
 * Labels that are all non-negative integers are class indices; otherwise each distinct text is a
 * class (sorted). Quoted fields ("a,b", "say ""hi""") are understood. Shape per sample: [F].
 */
import { err, ok, type Result } from '../result';
import type { Dataset } from './types';

/** Split one line into fields (RFC 4180 quoting, no line breaks inside quotes). */
export function splitCsvLine(line: string, sep = ','): string[] | null {
  const out: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === sep) {
      out.push(field.trim());
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) return null;
  out.push(field.trim());
  return out;
}

export interface CsvOptions {
  /** The label column's header name (default `label`). */
  label?: string;
}

export function parseCsv(text: string, file: string, opts: CsvOptions = {}): Result<Dataset> {
  const labelName = opts.label ?? 'label';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let h = 0;
  while (h < lines.length && lines[h].trim() === '') h++;
  if (h === lines.length) return err(`${file}: the CSV file is empty; it needs a header row and data rows.`);
  const header = splitCsvLine(lines[h]);
  if (!header) return err(`${file}, line ${h + 1}: unterminated quote in the header.`);
  const labelCol = header.indexOf(labelName);
  if (labelCol < 0) {
    // The header's text is not quoted: an error never echoes a file's contents (it may not be a table at all).
    return err(
      `${file}: no column named '${labelName}' for the labels in the header row (${header.length} column(s)). Name the label column with --label NAME (the dataset's label setting), as written in the header row.`,
    );
  }
  const width = header.length;
  const features = width - 1;
  if (features < 1) return err(`${file}: only the label column '${labelName}'; at least one feature column is needed.`);
  const feats: number[] = [];
  const rawLabels: string[] = [];
  for (let li = h + 1; li < lines.length; li++) {
    if (lines[li].trim() === '') continue;
    const fields = splitCsvLine(lines[li]);
    if (!fields) return err(`${file}, line ${li + 1}: unterminated quote.`);
    if (fields.length !== width) {
      return err(
        `${file}, line ${li + 1}: ${fields.length} fields, but the header has ${width} columns (a ragged row).`,
      );
    }
    for (let c = 0; c < width; c++) {
      if (c === labelCol) continue;
      const s = fields[c];
      const v = s === '' ? NaN : Number(s);
      if (!Number.isFinite(v)) {
        return err(
          `${file}, line ${li + 1}, column ${c + 1}: ${s === '' ? 'empty' : 'not a number'} (feature columns must be numeric).`,
        );
      }
      feats.push(v);
    }
    if (fields[labelCol] === '') return err(`${file}, line ${li + 1}: the label column '${labelName}' is empty.`);
    rawLabels.push(fields[labelCol]);
  }
  const n = rawLabels.length;
  if (n === 0) return err(`${file}: a header but no data rows.`);
  const numeric = rawLabels.every((s) => /^\d+$/.test(s));
  let classes: string[];
  const y = new Int32Array(n);
  if (numeric) {
    // A loop, not Math.max(...labels): spreading 400,000 labels overflows the call stack.
    let max = 0;
    for (const l of rawLabels) max = Math.max(max, Number(l));
    classes = Array.from({ length: max + 1 }, (_, i) => String(i));
    rawLabels.forEach((s, i) => (y[i] = Number(s)));
  } else {
    classes = [...new Set(rawLabels)].sort();
    const index = new Map(classes.map((c, i) => [c, i]));
    rawLabels.forEach((s, i) => (y[i] = index.get(s) as number));
  }
  return ok({ shape: [features], x: Float32Array.from(feats), y, n, classes });
}
