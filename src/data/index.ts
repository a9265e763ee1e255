// tf.data: TensorFlow.js's datasets (array, generator, zip) and TF2's fromTensorSlices.
export { Dataset, array, generator, zip, fromTensorSlices, type DatasetIterator, type AsTensors } from './dataset.js';
