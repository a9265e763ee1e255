// tf.datasets: Keras' datasets (mnist, fashionMnist) and scikit-learn's make_moons / train_test_split.
export { mnist, fashionMnist, type LoadDataOptions, type ImageSplits } from './mnist.js';
export { makeMoons, trainTestSplit, type MakeMoonsOptions, type TrainTestSplitOptions } from './sklearn.js';
