"""Reads the two redistributable sets (davidson-hate-offensive, MIT; sms-spam-collection, CC BY 4.0), normalises the
texts, assigns each row to train/val/test with the deterministic rule in common.split_of, and writes
  data/{train,val,test}.jsonl   one {"text", "toxic", "hate", "spam", "source", "row"} per line
  data/heldout/davidson-test.csv, data/heldout/sms-test.csv   the held-out rows in their original form, for
                                  `npm run eval:moderation` (see the model card)
  ../split.json (committed)       the row numbers of every held-out row, to check the rule reproduces
Labels: davidson class 0 (hate speech) -> toxic=1, hate=1; class 1 (offensive) -> toxic=1; class 2 -> none.
SMS spam -> spam=1. Cross-dataset labels are 0 (tweets are not spam, SMS are not offensive)."""
import csv
import json
import os
import sys

from common import DATA_DIR, MODEL_DIR, SHARED_DATA, normalise, split_of


def main() -> None:
    davidson_path = os.path.join(SHARED_DATA, 'davidson-hate-offensive', 'labeled_data.csv')
    sms_path = os.path.join(SHARED_DATA, 'sms-spam-collection', 'SMSSpamCollection')
    for p in (davidson_path, sms_path):
        if not os.path.exists(p):
            sys.exit(f'missing {p}: set AISLE_SHARED_DATA to the folder holding the shared data sets')

    splits = {'train': [], 'val': [], 'test': []}
    heldout_ids = {'davidson': [], 'sms': []}
    os.makedirs(os.path.join(DATA_DIR, 'heldout'), exist_ok=True)

    with open(davidson_path, encoding='utf-8', newline='') as f, \
            open(os.path.join(DATA_DIR, 'heldout', 'davidson-test.csv'), 'w', encoding='utf-8', newline='') as out:
        reader = csv.reader(f)
        header = next(reader)
        writer = csv.writer(out)
        writer.writerow(['row', 'class', 'tweet'])
        for i, rec in enumerate(reader):
            row = dict(zip(header, rec))
            cls = int(row['class'])
            text = normalise(row['tweet'])
            split = split_of('davidson', text)
            splits[split].append({'text': text, 'toxic': int(cls in (0, 1)), 'hate': int(cls == 0), 'spam': 0,
                                  'source': 'davidson', 'row': i})
            if split == 'test':
                heldout_ids['davidson'].append(i)
                writer.writerow([i, cls, row['tweet']])

    with open(sms_path, encoding='utf-8') as f, \
            open(os.path.join(DATA_DIR, 'heldout', 'sms-test.csv'), 'w', encoding='utf-8', newline='') as out:
        writer = csv.writer(out)
        writer.writerow(['row', 'label', 'text'])
        for i, line in enumerate(f.read().split('\n')):
            if not line:
                continue
            label, raw = line.split('\t', 1)
            text = normalise(raw)
            split = split_of('sms', text)
            splits[split].append({'text': text, 'toxic': 0, 'hate': 0, 'spam': int(label == 'spam'),
                                  'source': 'sms', 'row': i})
            if split == 'test':
                heldout_ids['sms'].append(i)
                writer.writerow([i, label, raw])

    for name, rows in splits.items():
        with open(os.path.join(DATA_DIR, f'{name}.jsonl'), 'w', encoding='utf-8') as out:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + '\n')
        counts = {k: sum(r[k] for r in rows) for k in ('toxic', 'hate', 'spam')}
        print(f'{name}: {len(rows)} rows, positives {counts}')

    with open(os.path.join(MODEL_DIR, 'training', 'split.json'), 'w', encoding='utf-8') as out:
        json.dump({'rule': 'bucket = int(sha1(dataset + ":" + " ".join(text.lower().split()))[:8], 16) % 100 '
                           'over the normalised text; test = buckets 0-19, val = 20-29, train = the rest',
                   'test_rows': heldout_ids}, out)
        out.write('\n')
    print(f"held-out rows: davidson {len(heldout_ids['davidson'])}, sms {len(heldout_ids['sms'])}")


if __name__ == '__main__':
    main()
