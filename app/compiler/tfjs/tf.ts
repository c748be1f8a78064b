/**
 * The tfjs value the compiler works with, always injected (the core never imports a backend).
 * Build it in main/node/engine from @tensorflow/tfjs-core + @tensorflow/tfjs-layers (or tfjs-node).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export type Tf = typeof tfc & typeof tfl;
export type Tensor = tfc.Tensor;
export type SymbolicTensor = tfl.SymbolicTensor;
export type Layer = tfl.layers.Layer;
export type LayersModel = tfl.LayersModel;
export type LayerVariable = tfl.LayerVariable;
export type Kwargs = Record<string, unknown>;
