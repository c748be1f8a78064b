import { describe, expect, it } from 'vitest';
import { emptyProject, parseProject, parseProjectText, serializeProject } from './schema';
import { nestedBlocks, smallLeNet } from './test-graphs';
import type { Graph } from './types';

const F = 'lenet.netloom.json';
const mutate = (f: (g: Graph) => void): Graph => {
  const g = structuredClone(smallLeNet());
  f(g);
  return g;
};
const error = (doc: unknown, opts = {}) => {
  const r = parseProject(doc, F, opts);
  expect(r.ok).toBe(false);
  const e = r.ok ? '' : r.error;
  expect(e.startsWith(`${F}: `)).toBe(true);
  expect(e).not.toContain('\n');
  return e;
};

describe('round trips', () => {
  for (const [name, make] of [
    ['smallLeNet', smallLeNet],
    ['nestedBlocks', nestedBlocks],
    ['emptyProject', emptyProject],
  ] as const) {
    it(`parse(serialize(g)) equals g: ${name}`, () => {
      const g = make();
      const r = parseProjectText(serializeProject(g), F);
      expect(r).toEqual({ ok: true, value: g });
    });
  }
  it('serializes deterministically: same bytes whatever the key order, 2-space indent, trailing newline', () => {
    const a = smallLeNet();
    const b = mutate((g) => {
      g.nodes[1].params = { padding: 2, kernel_size: 5, out_channels: 6 };
    });
    const s = serializeProject(a);
    expect(serializeProject(b)).toBe(s);
    expect(s.endsWith('}\n')).toBe(true);
    expect(s.split('\n')[1]).toBe('  "format": "netloom",');
    expect(s).not.toContain('undefined');
  });
  it('leaves out undefined optional fields', () => {
    const g = mutate((g) => {
      g.description = undefined;
      g.nodes[0].parent = undefined;
    });
    const s = serializeProject(g);
    expect(s).not.toContain('description');
    expect(JSON.parse(s).nodes[0]).not.toHaveProperty('parent');
  });
  it('fills defaults: name Net, modules [], params {}, position 0,0', () => {
    const r = parseProject({ format: 'netloom', version: 1, nodes: [{ id: 'a', type: 'Input' }], edges: [] });
    expect(r.ok && r.value).toEqual({
      format: 'netloom',
      version: 1,
      name: 'Net',
      nodes: [{ id: 'a', type: 'Input', params: {}, position: { x: 0, y: 0 } }],
      edges: [],
      modules: [],
    });
  });
  it('emptyProject has one Input [1, 28, 28] and the synthetic dataset', () => {
    const g = emptyProject();
    expect(g.nodes).toEqual([expect.objectContaining({ type: 'Input', params: { shape: [1, 28, 28] } })]);
    expect(g.dataset).toEqual({ name: 'synthetic' });
  });
  it('keeps params as given, including values the layer will reject', () => {
    const g = mutate((g) => {
      g.nodes[1].params = { out_channels: -3, kernel_size: [5, 5], extra: { deep: ['x'] } };
    });
    const r = parseProject(g, F);
    expect(r.ok && r.value.nodes[1].params).toEqual({ out_channels: -3, kernel_size: [5, 5], extra: { deep: ['x'] } });
  });
});

describe('malformed files give one clear line', () => {
  const good = serializeProject(smallLeNet());
  it('truncated JSON names the line and column', () => {
    const cut = good.slice(0, good.indexOf('"conv2"') + 3);
    const r = parseProjectText(cut, F);
    const line = cut.split('\n').length;
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(new RegExp(`^${F}: truncated JSON at line ${line} column \\d+`)),
    });
  });
  it('invalid JSON names the line and column of the bad character', () => {
    const bad = good.replace('"edges": [', '"edges": [}');
    const line = bad.slice(0, bad.indexOf('[}')).split('\n').length;
    const col = bad.split('\n')[line - 1].indexOf('}') + 1;
    expect(parseProjectText(bad, F)).toEqual({
      ok: false,
      error: `${F}: invalid JSON at line ${line} column ${col} (unexpected "}"): fix the file in a text editor`,
    });
    expect(parseProjectText('{"a": tru}', F)).toEqual({
      ok: false,
      error: expect.stringMatching(/: invalid JSON at line 1 column 10 \(unexpected "}"\)/),
    });
  });
  it('empty file', () => {
    expect(parseProjectText('  \n', F)).toEqual({ ok: false, error: `${F}: empty file: not a Netloom project` });
  });
  it('missing format', () => {
    expect(error({ version: 1, nodes: [], edges: [] })).toBe(
      `${F}: not a Netloom project (missing "format": "netloom")`,
    );
    expect(error([1, 2])).toMatch(/not a Netloom project \(expected a JSON object/);
  });
  it('newer version', () => {
    expect(error({ ...smallLeNet(), version: 7 })).toBe(
      `${F}: made by a newer Netloom (format version 7); this version reads up to 1: update Netloom`,
    );
  });
  it('unknown old version and non-integer version', () => {
    expect(error({ ...smallLeNet(), version: 0 })).toMatch(/unknown format version 0; this version reads 1 to 1/);
    expect(error({ ...smallLeNet(), version: '1' })).toMatch(/version: expected a whole number/);
  });
  it('unknown layer type lists the known ones', () => {
    const g = mutate((g) => {
      g.nodes[3].type = 'Conv3d';
    });
    expect(error(g, { layerTypes: ['Input', 'Conv2d', 'ReLU'] })).toBe(
      `${F}: nodes[3].type: unknown layer type 'Conv3d' (known: Input, Conv2d, ReLU)`,
    );
    // By default the layer registry decides.
    expect(error(g)).toMatch(
      /^lenet.netloom.json: nodes\[3\]\.type: unknown layer type 'Conv3d' \(known: Input, Conv2d, MaxPool2d, .*Concat(, [A-Za-z0-9]+)*\)$/,
    );
  });
  it('wrong field types name the path', () => {
    expect(
      error(
        mutate((g) => {
          (g.nodes[2] as unknown as { id: number }).id = 5;
        }),
      ),
    ).toBe(`${F}: nodes[2].id: expected string, got number 5`);
    expect(
      error(
        mutate((g) => {
          delete (g.nodes[2] as Partial<Graph['nodes'][0]>).type;
        }),
      ),
    ).toMatch(/nodes\[2\]\.type: missing/);
    expect(
      error(
        mutate((g) => {
          (g.modules[0] as { kind: string }).kind = 'List';
        }),
      ),
    ).toMatch(/modules\[0\]\.kind: expected one of "Sequential"\|"Module"/);
    expect(
      error(
        mutate((g) => {
          g.edges[1].targetPort = -1;
        }),
      ),
    ).toMatch(/edges\[1\]\.targetPort: .*>=0/);
  });
  it('huge numbers: Infinity positions are refused, huge params kept for the analysis to report', () => {
    const inf = good.replace('"y": 100', '"y": 1e999');
    expect(parseProjectText(inf, F)).toEqual({
      ok: false,
      error: `${F}: nodes[1].position.y: expected number, got Infinity (too large, or not a number)`,
    });
    const big = parseProjectText(good.replace('"out_channels": 6', '"out_channels": 1e300'), F);
    expect(big.ok && big.value.nodes[1].params.out_channels).toBe(1e300);
    expect(
      error(
        mutate((g) => {
          g.edges[0].targetPort = 1e12;
        }),
      ),
    ).toMatch(/edges\[0\]\.targetPort/);
  });
  it('duplicate ids', () => {
    expect(
      error(
        mutate((g) => {
          g.nodes[4].id = 'conv1';
        }),
      ),
    ).toBe(`${F}: nodes[4].id: duplicate id 'conv1' (also nodes[1].id): give each node, edge and module its own id`);
    expect(
      error(
        mutate((g) => {
          g.edges[3].id = 'conv1';
        }),
      ),
    ).toMatch(/edges\[3\]\.id: duplicate id 'conv1'/);
  });
  it('dangling edges, parents and shares', () => {
    expect(
      error(
        mutate((g) => {
          g.edges[2].target = 'ghost';
        }),
      ),
    ).toBe(`${F}: edges[2].target: no node with id 'ghost': fix the id or remove the edge`);
    expect(
      error(
        mutate((g) => {
          g.nodes[2].parent = 'nowhere';
        }),
      ),
    ).toMatch(/nodes\[2\]\.parent: no module with id 'nowhere'/);
    expect(
      error(
        mutate((g) => {
          g.nodes[11].shares = 'ghost';
        }),
      ),
    ).toMatch(/nodes\[11\]\.shares: no node with id 'ghost'/);
    expect(
      error(
        mutate((g) => {
          g.nodes[9].shares = 'act2';
        }),
      ),
    ).toMatch(
      /nodes\[9\]\.shares: node 'act2' itself shares another node: point "shares" at the node that owns the module \('act'\)/,
    );
  });
  it('module cycles', () => {
    const g = nestedBlocks();
    g.modules[0].parent = 'branch_a';
    expect(error(g)).toMatch(
      /modules\[\d\]\.parent: modules contain each other \((block -> branch_a -> block|branch_a -> block -> branch_a)\)/,
    );
    const self = nestedBlocks();
    self.modules[1].parent = 'branch_a';
    expect(error(self)).toMatch(/modules contain each other \(branch_a -> branch_a\)/);
  });
  it('duplicate and invalid attribute names', () => {
    expect(
      error(
        mutate((g) => {
          g.nodes[10].name = 'fc1';
        }),
      ),
    ).toBe(
      `${F}: nodes[10].name: 'fc1' is used twice in the top-level module (also nodes[8].name): rename one of them`,
    );
    expect(
      error(
        mutate((g) => {
          g.nodes[10].name = 'features';
        }),
      ),
    ).toMatch(/'features' is used twice/);
    expect(
      error(
        mutate((g) => {
          g.nodes[10].name = '2fc';
        }),
      ),
    ).toMatch(/nodes\[10\]\.name: "2fc" is not a Python identifier/);
    expect(
      error(
        mutate((g) => {
          g.nodes[10].name = 'class';
        }),
      ),
    ).toMatch(/is a Python keyword/);
    expect(
      error(
        mutate((g) => {
          g.nodes[10].name = 'forward';
        }),
      ),
    ).toMatch(/already an attribute of nn.Module/);
    expect(
      error(
        mutate((g) => {
          g.nodes[10].name = '3';
        }),
      ),
    ).toMatch(/not a Python identifier/);
    expect(
      error(
        mutate((g) => {
          g.name = 'my net';
        }),
      ),
    ).toMatch(/^lenet.netloom.json: name: root class name/);
  });
  it("a Sequential's explicit names: indices or identifiers, unique", () => {
    expect(
      parseProject(
        mutate((g) => {
          g.nodes[1].name = '0';
          g.nodes[2].name = 'act';
        }),
        F,
      ).ok,
    ).toBe(true);
    expect(
      error(
        mutate((g) => {
          g.nodes[1].name = '0';
          g.nodes[2].name = '0';
        }),
      ),
    ).toMatch(/nodes\[2\]\.name: '0' is used twice in module 'features'/);
    expect(
      error(
        mutate((g) => {
          g.nodes[1].name = 'a.b';
        }),
      ),
    ).toMatch(/"a.b" is not a Python identifier or an index/);
    expect(
      error(
        mutate((g) => {
          g.nodes[1].name = '01';
        }),
      ),
    ).toMatch(/not a Python identifier or an index/);
  });
  it('params nested too deep or not an object', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(
      error(
        mutate((g) => {
          g.nodes[1].params = { k: deep };
        }),
      ),
    ).toBe(`${F}: nodes[1].params: nested deeper than 32 levels: flatten it`);
    expect(
      error(
        mutate((g) => {
          (g.nodes[1] as { params: unknown }).params = [1];
        }),
      ),
    ).toMatch(/nodes\[1\]\.params: expected an object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(
      error(
        mutate((g) => {
          g.nodes[1].params = cyclic;
        }),
      ),
    ).toMatch(/nested deeper/);
  });
  it('unicode, long strings and exotic objects never crash', () => {
    const g = mutate((g) => {
      g.description = '网络 🧠'.repeat(1000);
      g.nodes[1].id = 'κόμβος';
      g.edges[0].target = 'κόμβος';
      g.edges[1].source = 'κόμβος';
    });
    expect(parseProjectText(serializeProject(g), F).ok).toBe(true);
    expect(
      error(
        mutate((g) => {
          g.nodes[8].name = 'café';
        }),
      ),
    ).toMatch(/not a Python identifier/);
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
      },
    );
    expect(error(trap)).toMatch(/not a Netloom project|cannot read the document/);
  });
});

describe('error text stays one line', () => {
  it('line breaks in ids and file names are escaped', () => {
    const g = smallLeNet();
    g.edges[0].source = 'a\nb';
    const r = parseProject(g, 'my\nfile.netloom.json');
    expect(r).toEqual({
      ok: false,
      error: "my\\u000afile.netloom.json: edges[0].source: no node with id 'a\\u000ab': fix the id or remove the edge",
    });
  });
});

describe('long keys and values are shortened in messages', () => {
  it('a huge summary key or id does not make a huge message', () => {
    const g = nestedBlocks();
    (g.runs as NonNullable<Graph['runs']>)[0].summary = { ['k'.repeat(100_000)]: [1] as unknown as number };
    const r = parseProject(g, F);
    expect(r.ok ? '' : r.error.length).toBeLessThan(300);
    const d = smallLeNet();
    d.edges[0].target = 'x'.repeat(100_000);
    const r2 = parseProject(d, F);
    expect(r2.ok ? '' : r2.error.length).toBeLessThan(300);
  });
});
