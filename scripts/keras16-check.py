"""Keras 3 reads the .keras files ascent writes (test/keras/save.node.test.ts runs this).
Usage: python3 scripts/keras16-check.py manifest.json  -> prints one JSON list to stdout.
manifest: [{"file": path, "inputs": [[flat values, shape], ...], "step": {"x": [flat, shape], "y": [flat, shape]}?}]
For each entry: keras.saving.load_model(file) and predict(inputs) -> {"outputs": [[flat, shape], ...]}; with "step",
then one train_on_batch(x, y) -> also {"loss": float, "weights": [flat per weight]}.
An entry Keras cannot load gives {"error": message}, so one bad file does not hide the others."""
import json, os, sys
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
import keras


def arr(v):
    return np.asarray(v[0], dtype='float32').reshape(v[1])


out = []
for e in json.load(open(sys.argv[1])):
    try:
        m = keras.saving.load_model(e['file'])
        xs = [arr(v) for v in e['inputs']]
        y = m.predict(xs[0] if len(xs) == 1 else xs, verbose=0)
        ys = y if isinstance(y, (list, tuple)) else [y]
        r = {'outputs': [[np.asarray(t).ravel().tolist(), list(np.shape(t))] for t in ys]}
        if 'step' in e:
            r['loss'] = float(m.train_on_batch(arr(e['step']['x']), arr(e['step']['y'])))
            r['weights'] = [np.asarray(w).ravel().tolist() for w in m.get_weights()]
        out.append(r)
    except Exception as ex:
        out.append({'error': f'{type(ex).__name__}: {ex}'[-1500:]})
json.dump(out, sys.stdout)
