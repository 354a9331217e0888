"""Step 1 of build.py: reads every redistributable moderation set in the shared data folder, maps its labels onto
toxic / hate / spam, splits each with the deterministic rule in common.split_of, and writes

  <work>/data/{train,val,test}.jsonl   one {"text", "toxic", "hate", "spam", "source", "row"} per line; a label is 1, 0, or
                                -1 where the source does not say (that label's loss is masked for the row)
  <work>/data/heldout/<source>-test.csv  the held-out rows of each source in their original form, for `npm run
                                eval:moderation` (see the model card)
  ../split.json (committed)     the row numbers of every held-out row, to check the rule reproduces

Sources and label mapping (licences and caveats in each SOURCE.md; credits in the model card):
  davidson      tweets: class 0 hate -> toxic, hate; 1 offensive -> toxic; 2 neither -> none          (MIT)
  sms           SMS: spam -> spam; ham -> none                                                         (CC BY 4.0)
  hatexplain    Twitter/Gab: hatespeech -> toxic, hate; offensive -> toxic; normal -> none; undecided dropped (MIT)
  civil         toxic-spans (Civil Comments): every post is toxic (positives only); identity_attack -> hate,
                other types hate unknown; posts where no rater marked a span are dropped             (CC0)
  stormfront    forum sentences: hate -> toxic, hate; noHate -> none; relation / idk dropped          (CC BY-SA 3.0)
  convabuse     chat with bots: abusive -> toxic (hate unknown); not abusive -> none                  (CC BY 4.0)
  wikitalk      Wikipedia talk: toxic -> toxic (hate unknown); not toxic -> none                      (Apache-2.0 / CC BY-SA)
  cold          Chinese: offensive -> toxic (hate unknown); safe -> none                              (Apache-2.0)
  swsr          Chinese Weibo: sexist -> toxic (hate unknown); non-sexist -> none                     (MIT)
  flipkart      merchant listings' descriptions: toxic 0, hate 0, spam unknown (adverts by nature)     (CC BY-SA 4.0)
  synthetic-*   synthetic.py: spam and ordinary shop texts with numbers, English and Chinese          (MIT, ours)
                synthetic_reviews.py: reviews of several sentences, ordinary, and with an insult aimed at someone
Spam is 0 for every source but sms and synthetic-spam (tweets, comments and chat are not spam, bar the odd one).
ott-deceptive-opinion-spam is non-commercial: evaluation only, never read here.

  /usr/bin/python3 prepare_data.py [--max-train-per-source N]   (<work> is .tmp/aisle-moderation-v1 at the repository root)
"""
import argparse
import csv
import json
import os
import random
import sys

from common import DATA_DIR, MODEL_DIR, SEED, SHARED_DATA, normalise, split_of
import synthetic
import synthetic_reviews

csv.field_size_limit(10_000_000)

UNKNOWN = -1


def rows_davidson():
    with open(os.path.join(SHARED_DATA, 'davidson-hate-offensive', 'labeled_data.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            cls = int(row['class'])
            yield i, row['tweet'], {'toxic': int(cls in (0, 1)), 'hate': int(cls == 0), 'spam': 0}, row


def rows_sms():
    with open(os.path.join(SHARED_DATA, 'sms-spam-collection', 'SMSSpamCollection'), encoding='utf-8') as f:
        for i, line in enumerate(f.read().split('\n')):
            if not line:
                continue
            label, raw = line.split('\t', 1)
            yield i, raw, {'toxic': 0, 'hate': 0, 'spam': int(label == 'spam')}, {'label': label, 'text': raw}


def rows_hatexplain():
    with open(os.path.join(SHARED_DATA, 'hatexplain', 'hatexplain.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            if row['label'] == 'undecided':
                continue
            yield i, row['text'], {'toxic': int(row['label'] != 'normal'), 'hate': int(row['label'] == 'hatespeech'), 'spam': 0}, row


def rows_civil():
    with open(os.path.join(SHARED_DATA, 'toxic-spans-civil-comments', 'toxic_spans_comments.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            if row['label'] == 'no_span':
                continue
            yield i, row['text'], {'toxic': 1, 'hate': 1 if row['label'] == 'identity_attack' else UNKNOWN, 'spam': 0}, row


def rows_stormfront():
    with open(os.path.join(SHARED_DATA, 'stormfront-hate-sentences', 'stormfront_sentences.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            if row['label'] not in ('hate', 'noHate'):
                continue
            hate = int(row['label'] == 'hate')
            yield i, row['text'], {'toxic': hate, 'hate': hate, 'spam': 0}, row


def rows_convabuse():
    with open(os.path.join(SHARED_DATA, 'convabuse', 'convabuse.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            abusive = int(row['label'])
            yield i, row['text'], {'toxic': abusive, 'hate': UNKNOWN if abusive else 0, 'spam': 0}, row


def rows_wikitalk():
    with open(os.path.join(SHARED_DATA, 'wiki-talk-context-toxicity', 'wiki_talk_context_toxicity.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            toxic = int(row['label'])
            yield i, row['text'], {'toxic': toxic, 'hate': UNKNOWN if toxic else 0, 'spam': 0}, row


def rows_cold():
    with open(os.path.join(SHARED_DATA, 'cold-chinese-offensive', 'cold.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            off = int(row['label'])
            yield i, row['text'], {'toxic': off, 'hate': UNKNOWN if off else 0, 'spam': 0}, row


def rows_swsr():
    with open(os.path.join(SHARED_DATA, 'swsr-chinese-sexism', 'swsr_comments.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            sexist = int(row['label'])
            yield i, row['text'], {'toxic': sexist, 'hate': UNKNOWN if sexist else 0, 'spam': 0}, row


def rows_flipkart():
    # Merchant listings (CC BY-SA 4.0, like the weights): ordinary commercial prose full of prices, sizes and brand
    # names, never offensive; a listing is an advert by nature, so its spam label is unknown.
    with open(os.path.join(SHARED_DATA, 'flipkart-catalog', 'flipkart_com-ecommerce_sample.clean.csv'), encoding='utf-8', newline='') as f:
        for i, row in enumerate(csv.DictReader(f)):
            yield i, row['description'], {'toxic': 0, 'hate': 0, 'spam': UNKNOWN}, {'label': '0', 'text': row['description']}


SOURCES = {
    'davidson': rows_davidson,
    'sms': rows_sms,
    'hatexplain': rows_hatexplain,
    'civil': rows_civil,
    'stormfront': rows_stormfront,
    'convabuse': rows_convabuse,
    'wikitalk': rows_wikitalk,
    'cold': rows_cold,
    'swsr': rows_swsr,
    'flipkart': rows_flipkart,
}
# The original columns kept in each held-out CSV (text column first), for eval:moderation.
HELDOUT_COLUMNS = {
    'davidson': ['class', 'tweet'],
    'sms': ['label', 'text'],
    'hatexplain': ['label', 'toxic', 'text'],
    'civil': ['label', 'text'],
    'stormfront': ['label', 'text'],
    'convabuse': ['label', 'text'],
    'wikitalk': ['label', 'text'],
    'cold': ['label', 'topic', 'text'],
    'swsr': ['label', 'text'],
    'flipkart': ['label', 'text'],
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument('--max-train-per-source', type=int, default=int(os.environ.get('AISLE_MAX_TRAIN_PER_SOURCE', '12000')),
                    help='training rows kept per source (a seeded sample), to fit the CPU budget; val and test keep all')
    args = ap.parse_args()
    if not os.path.isdir(SHARED_DATA):
        sys.exit(f'missing {SHARED_DATA}: set AISLE_SHARED_DATA to the folder holding the shared data sets')

    splits = {'train': [], 'val': [], 'test': []}
    heldout_ids = {}
    os.makedirs(os.path.join(DATA_DIR, 'heldout'), exist_ok=True)
    rng = random.Random(SEED)
    for name, reader in SOURCES.items():
        per = {'train': [], 'val': [], 'test': []}
        heldout_ids[name] = []
        with open(os.path.join(DATA_DIR, 'heldout', f'{name}-test.csv'), 'w', encoding='utf-8', newline='') as out:
            writer = csv.writer(out)
            writer.writerow(['row', *HELDOUT_COLUMNS[name]])
            for i, raw, labels, original in reader():
                text = normalise(raw)
                if not text:
                    continue
                split = split_of(name, text)
                per[split].append({'text': text, **labels, 'source': name, 'row': i})
                if split == 'test':
                    heldout_ids[name].append(i)
                    writer.writerow([i, *(original[c] for c in HELDOUT_COLUMNS[name])])
        if len(per['train']) > args.max_train_per_source:
            per['train'] = rng.sample(per['train'], args.max_train_per_source)
        for k in splits:
            splits[k].extend(per[k])
        print(f"{name}: train {len(per['train'])}, val {len(per['val'])}, test {len(per['test'])}")

    synth = synthetic.generate() + synthetic_reviews.generate()
    for row in synth:
        splits[split_of(row['source'], row['text'])].append(row)
    with open(os.path.join(DATA_DIR, 'heldout', 'synthetic-test.csv'), 'w', encoding='utf-8', newline='') as out:
        writer = csv.writer(out)
        writer.writerow(['row', 'label', 'text'])
        for row in synth:
            if split_of(row['source'], row['text']) == 'test':
                writer.writerow([row['row'], 'spam' if row['spam'] else 'toxic' if row['toxic'] == 1 else 'ham', row['text']])

    for name, rows in splits.items():
        rng.shuffle(rows)
        with open(os.path.join(DATA_DIR, f'{name}.jsonl'), 'w', encoding='utf-8') as out:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + '\n')
        counts = {k: sum(1 for r in rows if r[k] == 1) for k in ('toxic', 'hate', 'spam')}
        print(f'{name}: {len(rows)} rows, positives {counts}')

    with open(os.path.join(MODEL_DIR, 'training', 'split.json'), 'w', encoding='utf-8') as out:
        json.dump({'rule': 'bucket = int(sha1(dataset + ":" + " ".join(text.lower().split()))[:8], 16) % 100 '
                           'over the normalised text; test = buckets 0-19, val = 20-29, train = the rest',
                   'test_rows': heldout_ids}, out)
        out.write('\n')
    print('held-out rows: ' + ', '.join(f'{k} {len(v)}' for k, v in heldout_ids.items()))


if __name__ == '__main__':
    main()
