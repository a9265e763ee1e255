// The TensorFlow.js model-artifacts contract (tfjs-core io/types): what an IOHandler saves and loads.
// The JSON on disk is exactly tfjs' model.json, so files move freely between ascent and TensorFlow.js
// (and to Keras through tensorflowjs_converter).

/** A weight's dtype in the manifest (tfjs' set; a quantized weight keeps its original dtype here). */
export type WeightDType = 'float32' | 'int32' | 'bool' | 'string' | 'complex64';

/** One weight in the manifest: its full name ('dense/kernel'), shape and stored dtype. */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: WeightDType;
  /** 'model' (default) or 'optimizer' (the optimizer's state when saved with includeOptimizer). */
  group?: 'model' | 'optimizer';
  /** Set when the weights were quantized by the converter (dequantized on load). */
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number; original_dtype?: string };
}

/** A group of weights stored in one or more shard files, concatenated in manifest order. */
export interface WeightsManifestGroupConfig { paths: string[]; weights: WeightsManifestEntry[] }
export type WeightsManifestConfig = WeightsManifestGroupConfig[];

/** Keras' compile() arguments as model.json stores them (snake_case keys). */
export interface TrainingConfig {
  optimizer_config: { class_name: string; config: Record<string, unknown> };
  loss: string | string[] | Record<string, string>;
  /** A list (every output), or per output a list of lists or an object keyed by output name. */
  metrics?: string[] | string[][] | Record<string, string | string[]>;
  weighted_metrics?: string[];
  sample_weight_mode?: string;
  loss_weights?: number[] | Record<string, number>;
}

/** Everything a model is: topology, weights (specs + one concatenated buffer) and metadata. */
export interface ModelArtifacts {
  /** Keras model config: {class_name, config, keras_version, backend}. */
  modelTopology?: Record<string, unknown> | ArrayBuffer;
  trainingConfig?: TrainingConfig;
  weightSpecs?: WeightsManifestEntry[];
  /** The weights' bytes in weightSpecs order (little-endian), as one buffer. */
  weightData?: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: Record<string, unknown>;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: Record<string, unknown>;
  initializerSignature?: Record<string, unknown>;
}

/** tfjs' WeightData: TensorFlow.js' own loaders may give the weights as several buffers (one per file). */
export type WeightData = ArrayBuffer | ArrayBuffer[];

/**
 * What save handlers and fromMemory accept: ascent's artifacts or TensorFlow.js' (tfjs types weightData as
 * a buffer or a list of buffers, and optimizer_config as `{}`).
 */
export type ModelArtifactsLike = Omit<ModelArtifacts, 'weightData' | 'trainingConfig'> & {
  weightData?: WeightData;
  trainingConfig?: Omit<TrainingConfig, 'optimizer_config'> & { optimizer_config: unknown };
};

/** The model.json file: artifacts with the weights replaced by a manifest pointing at shard files. */
export interface ModelJSON {
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightsManifestConfig;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: TrainingConfig;
  signature?: Record<string, unknown>;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: Record<string, unknown>;
  initializerSignature?: Record<string, unknown>;
}

export interface ModelArtifactsInfo {
  dateSaved: Date;
  modelTopologyType: 'JSON' | 'GraphDef';
  modelTopologyBytes?: number;
  weightSpecsBytes?: number;
  weightDataBytes?: number;
}

export interface SaveResult { modelArtifactsInfo: ModelArtifactsInfo; responses?: Response[]; errors?: unknown[] }

/** Where a model goes or comes from (tfjs' IOHandler): file://, indexeddb://, memory, http … */
export interface IOHandler {
  save?(modelArtifacts: ModelArtifacts): Promise<SaveResult>;
  load?(): Promise<ModelArtifacts>;
}

export interface SaveConfig {
  /** Also save the optimizer's state (group 'optimizer') and the compile() arguments. */
  includeOptimizer?: boolean;
  trainableOnly?: boolean;
}

/** Options of loaders that fetch (tfjs LoadOptions): tf.io.http and loadLayersModel('https://…', options). */
export interface LoadOptions {
  /** Passed to every fetch (headers, credentials …); must have no body. */
  requestInit?: RequestInit;
  /** Called with the fraction (0..1) of the weight files loaded so far. */
  onProgress?: (fraction: number) => void;
  /** Replaces the global fetch (tests, custom transports). */
  fetchFunc?: (url: string, init?: RequestInit) => Promise<Response>;
  /** loadLayersModel: fail when a weight is missing or unexpected (default true). */
  strict?: boolean;
  /** Where the weight files are (default: model.json's folder). */
  weightPathPrefix?: string;
  /** Maps a manifest path to the URL to fetch (takes precedence over weightPathPrefix). */
  weightUrlConverter?: (weightFileName: string) => Promise<string>;
  /**
   * Follow weight paths of model.json that lead outside the model's folder (file://: `../x.bin`, an
   * absolute path, a symlink out of the folder) or URL prefix (http(s)://: `../x.bin`, another host).
   * Default false: a model file is untrusted input and such a path is an error.
   */
  allowPathsOutsideModel?: boolean;
}
