"""
Trains the app's SASRec model with torch.distributed / DistributedDataParallel: gloo on CPUs, nccl on GPUs. Launched
by torchrun (one process per CPU core share or per GPU, on one machine or many); `npm run train:cluster` prepares the
data, runs torchrun and writes the app's pre-trained model file from what this writes.

    torchrun --standalone --nproc-per-node 2 scripts/cluster/train.py --prepared DIR --out OUT
    torchrun --nnodes 4 --node-rank R --master-addr HOST --master-port 29500 --nproc-per-node 8 scripts/cluster/train.py ...

DIR is a tensor folder (tensors.py) written by scripts/train-cluster.ts: the model's configuration and the training
options (the app's SasrecConfig and TrainOptions, the recipe's choices included), the leave-one-out training
sequences, the held-out validation and test items, and the item features of a content model. OUT receives the
trained weights (TF.js names), the optimizer's moments and a report (curve, best validation, seconds).

The training is the app's (workers/recommender/model/train.ts): the same length-bucketed batches, sampled or full
softmax cross-entropy with the batch's positives plus uniform negatives, Adam with the app's update rule, the same
learning-rate schedules (cosine, constant, adaptive), validation NDCG@10 on the held-out items with seen items
excluded, patience, a time budget, and the best validated weights restored. Data parallelism splits every batch of
the single-process run across the processes (the same candidates on all, each its share of the sequences, the loss
scaled so that the averaged gradient is the whole batch's), so a run learns the same whether it has one process or
sixty-four; `batchTargets` is the global batch, to be raised with the number of processes on a large cluster.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sasrec import Sasrec  # noqa: E402
from tensors import read_folder, write_folder  # noqa: E402


def log(*args):
    print('[cluster]', *args, file=sys.stderr, flush=True)


# ── data ─────────────────────────────────────────────────────────────────────────────────────────────────────────
class Data:
    def __init__(self, tensors):
        items, offsets = tensors['train/items'], tensors['train/offsets']
        self.sequences = [items[offsets[u]:offsets[u + 1]] for u in range(len(offsets) - 1)]
        w = tensors.get('train/weights')
        self.weights = [w[offsets[u]:offsets[u + 1]] for u in range(len(offsets) - 1)] if w is not None else None
        self.valid = tensors.get('valid/item')
        self.test = tensors.get('test/item')


def targets_of(length, max_len):
    return max(0, min(length - 1, max_len))


def plan_epoch(data, max_len, batch_targets, batch_sequences, rng):
    """The batches of one epoch (lists of sequence indices): sequences of similar length together, in random order."""
    users = [u for u, s in enumerate(data.sequences) if len(s) >= 2]
    rng.shuffle(users)
    users.sort(key=lambda u: targets_of(len(data.sequences[u]), max_len))  # stable: random among equal lengths
    batches, current, count = [], [], 0
    for u in users:
        m = targets_of(len(data.sequences[u]), max_len)
        if current and (len(current) >= batch_sequences or count + m > batch_targets):
            batches.append(current)
            current, count = [], 0
        current.append(u)
        count += m
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def make_batch(data, users, max_len, device):
    """Inputs left-padded to the longest sequence, with the flat positions that have a target and their targets."""
    length = max(1, min(max_len, max(targets_of(len(data.sequences[u]), max_len) for u in users)))
    B = len(users)
    items = np.zeros((B, length), dtype=np.int64)
    mask = np.zeros((B, length), dtype=np.float32)
    positions, targets, weights = [], [], []
    for b, u in enumerate(users):
        s = data.sequences[u]
        m = targets_of(len(s), max_len)
        start = len(s) - 1 - m
        items[b, length - m:] = s[start:start + m]
        mask[b, length - m:] = 1
        positions.extend(b * length + length - m + j for j in range(m))
        targets.extend(s[start + 1:start + 1 + m])
        if data.weights is not None:
            weights.extend(data.weights[u][start + 1:start + 1 + m])
    t = lambda x, dt: torch.as_tensor(np.asarray(x), dtype=dt, device=device)  # noqa: E731
    return {
        'items': t(items, torch.int64), 'mask': t(mask, torch.float32),
        'positions': t(positions, torch.int64), 'targets': np.asarray(targets, dtype=np.int64),
        'weights': t(weights, torch.float32) if data.weights is not None else None,
    }


def sample_candidates(targets, num_items, negatives, rng):
    """The batch's positives plus uniform negatives, each item once (all items when nearly all are wanted)."""
    positives, labels = np.unique(targets, return_inverse=True)
    wanted = min(num_items, len(positives) + negatives)
    if wanted >= num_items * 0.7:
        return None, targets  # every item: a full softmax
    taken = np.zeros(num_items, dtype=bool)
    taken[positives] = True
    extra = []
    need = wanted - len(positives)
    while need > 0:
        draw = rng.randint(0, num_items, size=2 * need + 16)
        draw = draw[~taken[draw]]
        _, first = np.unique(draw, return_index=True)
        fresh = draw[np.sort(first)][:need]  # uniform draws without replacement, in the order drawn
        taken[fresh] = True
        extra.append(fresh)
        need -= len(fresh)
    return np.concatenate([positives, *extra]).astype(np.int64), labels


# ── the app's Adam (workers/recommender/model/adam.ts) ─────────────────────────────────────────────────────────────
class AppAdam:
    def __init__(self, params, lr, beta1=0.9, beta2=0.98, eps=1e-8):
        self.params = list(params)
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.step_count = 0
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self):
        self.step_count += 1
        t = self.step_count
        lr = self.lr * math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        for p, m, v in zip(self.params, self.m, self.v):
            if p.grad is None:
                continue
            m.mul_(self.beta1).add_(p.grad, alpha=1 - self.beta1)
            v.mul_(self.beta2).addcmul_(p.grad, p.grad, value=1 - self.beta2)
            p.sub_(lr * m / (v.sqrt() + self.eps))

    def zero_grad(self):
        for p in self.params:
            p.grad = None


# ── schedule (workers/recommender/model/lr-schedule.ts: the same rules) ─────────────────────────────────────────
class Schedule:
    def __init__(self, options, total_steps, validate_steps, steps_per_epoch):
        self.o = options
        self.validate_steps = validate_steps
        self.steps_per_epoch = steps_per_epoch
        self.horizon = {'steps': total_steps, 'reason': 'epochs'}

    def rate(self, run_step, elapsed):
        o = self.o
        if o['lrSchedule'] == 'constant':
            return o['learningRate']
        by_time = elapsed / o['timeBudgetS'] if o['timeBudgetS'] > 0 else 0
        f = min(1.0, max(0.0, run_step / self.horizon['steps'], by_time))
        return o['learningRate'] * (o['minLearningRate'] + (1 - o['minLearningRate']) * 0.5 * (1 + math.cos(math.pi * f)))

    def intervals(self, steps):
        v = max(1, self.validate_steps)
        return max(1, math.ceil(steps / v)) * v

    def on_validation(self, run_step, is_best, since_best):
        """True when the run should stop now (patience ran out, for the fixed schedules)."""
        o = self.o
        if o['lrSchedule'] != 'adaptive':
            return not is_best and o['patience'] > 0 and since_best >= o['patience']
        cap = self.intervals(o['maxEpochs'] * self.steps_per_epoch) if o['maxEpochs'] > 0 else self.horizon['steps']
        if is_best and run_step > self.horizon['steps'] * (1 - o['decayShare']):
            out = min(cap, self.intervals(run_step / (1 - o['decayShare'])))
            if out > self.horizon['steps']:
                self.horizon = {'steps': out, 'reason': 'epochs'}
        elif not is_best and o['patience'] > 0 and since_best >= o['patience'] and self.horizon['reason'] != 'patience':
            tail = run_step + self.intervals(o['decayShare'] * run_step)
            if tail < self.horizon['steps']:
                self.horizon = {'steps': tail, 'reason': 'patience'}
        return False

    def ended(self, run_step):
        return self.horizon['reason'] if run_step >= self.horizon['steps'] else None


# ── evaluation: full ranking, seen items excluded, NDCG@10 and HR@10 (ties count as their expected value) ─────────
def pick_users(users, max_users):
    if not max_users or max_users >= len(users):
        return users
    return [users[(i * len(users)) // max_users] for i in range(max_users)]


@torch.no_grad()
def evaluate(model, data, stage, max_users, rank, world, device, k=10):
    eval_users = [u for u in range(len(data.sequences)) if data.valid[u] >= 0]
    users = pick_users(eval_users, max_users)
    mine = users[rank::world]
    mine.sort(key=lambda u: len(data.sequences[u]))
    model.eval()
    table = model.item_table()
    ndcg = hr = 0.0
    for start in range(0, len(mine), 256):
        chunk = mine[start:start + 256]
        histories, targets = [], []
        for u in chunk:
            h = data.sequences[u].tolist()
            if stage == 'test':
                h = h + [int(data.valid[u])]
            histories.append(h)
            targets.append(int(data.valid[u] if stage == 'valid' else data.test[u]))
        scores = model.user_vectors(histories, table) @ table.T
        target = torch.as_tensor(targets, device=device)
        t_score = scores.gather(1, target[:, None])
        seen = torch.zeros_like(scores, dtype=torch.bool)
        for b, h in enumerate(histories):
            seen[b, torch.as_tensor(h, dtype=torch.int64, device=device)] = True
        target_seen = seen.gather(1, target[:, None]).squeeze(1)
        live = ~seen
        above = ((scores > t_score) & live).sum(1)
        ties = ((scores == t_score) & live).sum(1) - 1
        for b in range(len(chunk)):
            if bool(target_seen[b]):
                continue
            lo, count = int(above[b]), int(ties[b]) + 1
            ranks = range(lo, min(lo + count, k))
            hr += len(ranks) / count
            ndcg += sum(1 / math.log2(r + 2) for r in ranks) / count
    total = torch.tensor([ndcg, hr, float(len(mine))], dtype=torch.float64, device=device)  # nccl reduces on the GPU
    if world > 1:
        dist.all_reduce(total)
    model.train()
    n = max(1.0, total[2].item())
    return {'ndcg10': total[0].item() / n, 'hr10': total[1].item() / n, 'users': int(total[2].item())}


# ── training ─────────────────────────────────────────────────────────────────────────────────────────────────────
def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--prepared', required=True, help='tensor folder written by npm run train:cluster')
    parser.add_argument('--out', required=True, help='folder for the trained weights and the report')
    parser.add_argument('--device', default='auto', choices=['auto', 'cpu', 'cuda'])
    parser.add_argument('--threads', type=int, default=1, help='CPU threads per process (default 1)')
    args = parser.parse_args()

    world = int(os.environ.get('WORLD_SIZE', '1'))
    rank = int(os.environ.get('RANK', '0'))
    local_rank = int(os.environ.get('LOCAL_RANK', '0'))
    use_cuda = args.device == 'cuda' or (args.device == 'auto' and torch.cuda.is_available())
    if use_cuda and not torch.cuda.is_available():
        sys.exit('--device cuda: torch sees no CUDA device here.')
    device = torch.device(f'cuda:{local_rank}' if use_cuda else 'cpu')
    if use_cuda:
        torch.cuda.set_device(device)
    torch.set_num_threads(max(1, args.threads))
    backend = 'nccl' if use_cuda else 'gloo'
    if world > 1:
        dist.init_process_group(backend)

    spec, tensors = read_folder(args.prepared)
    config, o = spec['config'], spec['train']
    data = Data(tensors)
    features = {k: tensors[f'features/{k}'] for k in ('text', 'category', 'priceBand') if f'features/{k}' in tensors}
    model = Sasrec(config, features or None).to(device)
    model.train()
    net = DistributedDataParallel(model, device_ids=[local_rank] if use_cuda else None) if world > 1 else model
    adam = AppAdam(model.ordered_parameters(), o['learningRate'])  # moments in the TF.js order, as its checkpoints
    num_items, max_len = config['numItems'], config['maxLen']

    plan_rng = np.random.RandomState(o['seed'] & 0x7FFFFFFF)
    step_rng = np.random.RandomState((o['seed'] ^ 0x5BD1E995) & 0x7FFFFFFF)  # same negatives on every process
    torch.manual_seed(o['seed'] + 1000 * rank)  # each process its own dropout masks
    plan = plan_epoch(data, max_len, o['batchTargets'], o['batchSequences'], plan_rng)
    steps_per_epoch = max(1, len(plan))
    total_steps = max(1, round(o['epochs'] * steps_per_epoch))
    validate_steps = max(1, round(o['validateEvery'] * steps_per_epoch)) if o['validateEvery'] > 0 else 0
    schedule = Schedule(o, total_steps, validate_steps, steps_per_epoch)
    sampled = o['loss'] == 'sampled-softmax' and o['negatives'] < num_items
    has_validation = data.valid is not None and bool((data.valid >= 0).any())
    if rank == 0:
        log(f'{world} process(es), {backend} on {device.type}, torch {torch.__version__}, {len(data.sequences)} users, '
            f'{num_items} items, {steps_per_epoch} steps per epoch (global batch {o["batchTargets"]} targets), '
            f'{o["loss"] if sampled else "full-softmax"}{" (%d negatives)" % o["negatives"] if sampled else ""}, '
            f'lr {o["learningRate"]} {o["lrSchedule"]}, dropout {config["dropout"]}, maxLen {max_len}')

    curve, best, best_state = [], None, None
    stop_reason, run_step, step_in_epoch = 'epochs', 0, 0
    step_seconds, off_clock = 0.0, 0.0
    window_loss, window_steps = 0.0, 0  # summed over the processes when reported
    t0 = time.perf_counter()
    elapsed = lambda: time.perf_counter() - t0 - off_clock  # noqa: E731

    while True:
        end = schedule.ended(run_step)
        if end:
            stop_reason = end
            break
        if o['maxSteps'] > 0 and run_step >= o['maxSteps']:
            stop_reason = 'max-steps'
            break
        now = agreed_elapsed(elapsed(), world, device)  # rank 0's clock: every process decides the same
        if o['timeBudgetS'] > 0 and now >= o['timeBudgetS']:
            stop_reason = 'time-budget'
            break
        adam.lr = schedule.rate(run_step, now)
        users = plan[step_in_epoch]
        ts = time.perf_counter()
        # The global batch's candidates (the same on every process), then this process's share of its sequences.
        whole = make_batch(data, users, max_len, 'cpu')
        cand, labels = sample_candidates(whole['targets'], num_items, o['negatives'], step_rng) if sampled else (None, whole['targets'])
        total_weight = float(whole['weights'].sum()) if whole['weights'] is not None else float(len(whole['targets']))
        share = users[rank::world]
        if share:
            own = make_batch(data, share, max_len, device)
            if cand is None:
                own_labels = torch.as_tensor(own['targets'], device=device)
            else:
                lookup = np.full(num_items, -1, dtype=np.int64)
                lookup[cand] = np.arange(len(cand))
                own_labels = torch.as_tensor(lookup[own['targets']], device=device)
        else:  # more processes than sequences in this batch: take part with a zero loss
            own = make_batch(data, users[:1], max_len, device)
            own_labels = None
        h, table = net(own['items'], own['mask'])
        hp = h.reshape(-1, h.shape[-1])[own['positions']]
        cand_rows = table if cand is None else table[torch.as_tensor(cand, device=device)]
        logits = hp @ cand_rows.T
        if own_labels is None:
            loss = logits.sum() * 0.0
        else:
            nll = torch.nn.functional.cross_entropy(logits, own_labels, reduction='none')
            w = own['weights'] if own['weights'] is not None else torch.ones_like(nll)
            loss = (nll * w).sum() / max(total_weight, 1e-12) * world  # DDP averages: this makes it the batch mean
        adam.zero_grad()
        loss.backward()
        adam.step()
        if use_cuda:
            torch.cuda.synchronize()
        step_seconds += time.perf_counter() - ts
        share_loss = loss.item() / world  # this process's part of the batch's mean loss
        if not math.isfinite(share_loss):
            raise SystemExit(f'Training diverged at step {run_step + 1} (loss {share_loss}); lower the learning rate.')
        window_loss += share_loss
        window_steps += 1
        run_step += 1
        step_in_epoch += 1
        if step_in_epoch >= len(plan):
            step_in_epoch = 0
            plan = plan_epoch(data, max_len, o['batchTargets'], o['batchSequences'], plan_rng)
        if has_validation and validate_steps and (run_step % validate_steps == 0 or run_step == schedule.horizon['steps']):
            v = evaluate(model, data, 'valid', o['validationUsers'], rank, world, device)
            point = {'epoch': run_step / steps_per_epoch, 'step': run_step, 'elapsedS': elapsed(), **v}
            if o.get('testEachValidation') and data.test is not None:
                t1 = time.perf_counter()
                t = evaluate(model, data, 'test', o['validationUsers'], rank, world, device)
                point['test'] = {'ndcg10': t['ndcg10'], 'hr10': t['hr10']}
                off_clock += time.perf_counter() - t1
            curve.append(point)
            mean_loss = torch.tensor([window_loss, float(window_steps)], dtype=torch.float64, device=device)
            if world > 1:
                dist.all_reduce(mean_loss)
            loss_value = mean_loss[0].item() / max(1.0, mean_loss[1].item() / world)
            window_loss, window_steps = 0.0, 0
            is_best = best is None or v['ndcg10'] > best['ndcg10']
            if is_best:
                best = point
            stop_now = schedule.on_validation(run_step, is_best, len(curve) - 1 - curve.index(best))
            if is_best and o['restoreBest']:
                best_state = [p.detach().clone() for p in model.ordered_parameters()]
            if rank == 0:
                test = f", test NDCG@10 {point['test']['ndcg10']:.4f}" if 'test' in point else ''
                log(f'epoch {point["epoch"]:.1f} step {run_step} loss {loss_value:.4f} lr {adam.lr:.5f} '
                    f'valid NDCG@10 {v["ndcg10"]:.4f} HR@10 {v["hr10"]:.4f}{test} ({elapsed():.0f} s; '
                    f'end at epoch {schedule.horizon["steps"] / steps_per_epoch:.0f})')
            if stop_now:
                stop_reason = 'patience'
                break

    if best_state is not None and curve and curve[-1] is not best:
        with torch.no_grad():
            for p, saved in zip(model.ordered_parameters(), best_state):
                p.copy_(saved)
    train_seconds = elapsed()
    if rank == 0:
        weights = [(name, t.cpu().numpy()) for name, t in model.named_weights()]
        moments = []
        for name, m, v in zip(model.names, adam.m, adam.v):
            moments.append((f'{name}/adam-m', m.cpu().numpy()))
            moments.append((f'{name}/adam-v', v.cpu().numpy()))
        report = {
            'stopReason': stop_reason, 'epochsRun': run_step / steps_per_epoch, 'steps': run_step,
            'trainSeconds': train_seconds, 'msPerStep': 1000 * step_seconds / max(1, run_step), 'curve': curve,
            'best': best, 'adamStep': adam.step_count, 'horizon': schedule.horizon,
            'engine': {'name': 'pytorch', 'torch': torch.__version__, 'processes': world, 'backend': backend,
                       'device': device.type, 'threadsPerProcess': args.threads},
        }
        write_folder(args.out, {'report': report}, weights + moments)
        best_text = f'best validation NDCG@10 {best["ndcg10"]:.4f} at epoch {best["epoch"]:.1f}' if best else 'no validation'
        log(f'stopped ({stop_reason}) after {run_step / steps_per_epoch:.1f} epochs, {run_step} steps, '
            f'{train_seconds:.0f} s; {best_text}')
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


def agreed_elapsed(value, world, device):
    """Rank 0's clock, so that every process takes the same decisions (learning rate, time budget)."""
    if world == 1:
        return value
    t = torch.tensor([value], dtype=torch.float64, device=device)
    dist.broadcast(t, 0)
    return t.item()


if __name__ == '__main__':
    main()
