"""
The folder of named tensors that Node and Python hand each other (scripts/cluster/tensors.ts writes and reads the same):

    DIR/spec.json    {"tensors": [{"name", "dtype": "float32" | "int32", "shape", "offset"}], ...anything else}
    DIR/tensors.bin  the tensors' bytes, little-endian, one after another at their offsets

Node prepares the training data in one (sequences, held-out items, item features, the model and training settings);
the trainer answers with another (the trained weights, the optimizer's moments and a report), which Node turns into
the app's pre-trained model file (src/shared/pretrained.ts). The app's file format is written in one place only.
"""
import json
import os

import numpy as np

DTYPES = {'float32': np.dtype('<f4'), 'int32': np.dtype('<i4')}


def read_folder(path):
    """(spec dict, {name: numpy array}) of a tensor folder."""
    with open(os.path.join(path, 'spec.json'), encoding='utf-8') as f:
        spec = json.load(f)
    blob = np.fromfile(os.path.join(path, 'tensors.bin'), dtype=np.uint8)
    tensors = {}
    for t in spec.get('tensors', []):
        dtype = DTYPES.get(t['dtype'])
        if dtype is None:
            raise ValueError(f'{path}: tensor {t["name"]} has dtype {t["dtype"]}; expected float32 or int32.')
        count = int(np.prod(t['shape'], dtype=np.int64))
        start = int(t['offset'])
        end = start + count * dtype.itemsize
        if end > blob.size:
            raise ValueError(f'{path}: tensor {t["name"]} runs past the end of tensors.bin; the folder is damaged.')
        tensors[t['name']] = blob[start:end].view(dtype).reshape(t['shape'])
    return spec, tensors


def write_folder(path, spec, tensors):
    """Writes {name: numpy array} (float32 or int32) with the spec's other keys."""
    os.makedirs(path, exist_ok=True)
    entries = []
    offset = 0
    with open(os.path.join(path, 'tensors.bin'), 'wb') as f:
        for name, array in tensors:
            a = np.ascontiguousarray(array)
            kind = 'float32' if a.dtype.kind == 'f' else 'int32'
            a = a.astype(DTYPES[kind], copy=False)
            f.write(a.tobytes())
            entries.append({'name': name, 'dtype': kind, 'shape': list(a.shape), 'offset': offset})
            offset += a.nbytes
    with open(os.path.join(path, 'spec.json'), 'w', encoding='utf-8') as f:
        json.dump({**spec, 'tensors': entries}, f)
