/**
 * A node's params as the tfjs compiler passes them on: each kind's converter is typed by its own
 * params (`Converter<ParamsOf<typeof spec>>`), parsed with defaults filled by the kind's schema, so
 * no converter reads a param with a restated default.
 */
export type Params = Record<string, unknown>;
