"""Fit Parallax's loaded-language model on the Propaganda Techniques Corpus and
score it on a held-out split, beside lexicon-only baselines, in the same run.

    PYTHONPATH=src .venv/bin/python scripts/train_loaded_language.py            # fit, evaluate, write the model
    PYTHONPATH=src .venv/bin/python scripts/train_loaded_language.py --evaluate # score the packaged model only

Data: ``../shared/corpora/ptc`` (SemEval-2020 Task 11 training partition, 371
articles). The split is fixed by a hash of the article id
(``parallax.evaluation.ptc.split_of``): about one article in five is held out
and used only for the final figures. Everything that is tuned (the regularisation,
span thresholds, the sentence model and its threshold) is chosen on
out-of-fold predictions inside the training part (4-fold cross-fitting by article).

Needs scikit-learn (pinned in the ``dev`` extra); inference in Parallax needs only numpy.
Deterministic: same data, same versions, same model file.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parallax.article.framing import features as feats  # noqa: E402
from parallax.article.framing import lexical  # noqa: E402
from parallax.article.framing.loaded import find_loaded_terms  # noqa: E402
from parallax.article.framing.model import (  # noqa: E402
    MODEL_PATH, SENTENCE_FEATURES, LoadedLanguageModel, TokenScores, decode_spans, feature_flags, sentence_features,
    span_edges,
)
from parallax.evaluation.ptc import (  # noqa: E402
    FRAMING_TECHNIQUES, LOADED_TECHNIQUES, add_counts, fold_of, gold_spans, load_ptc, macro_f1, overlap_counts,
    span_scores, split_of,
)
from parallax.nlp import SPACY_MODEL, get_nlp  # noqa: E402

HEADS = ("loaded", *FRAMING_TECHNIQUES)
HEAD_TECHNIQUES = {"loaded": LOADED_TECHNIQUES, **{t: (t,) for t in FRAMING_TECHNIQUES}}
FOLDS = 4
MIN_COUNT = 2
EPOCHS = 300
SOLVER = "lbfgs"
CLASS_WEIGHT = None
SENTENCE_TECHNIQUES = FRAMING_TECHNIQUES
DECODED = ("loaded", "Doubt")  # heads whose spans are decoded; the technique heads only name a loaded span's kind


class Parsed:
    """One PTC article after parsing: everything training needs."""

    def __init__(self, article, doc_bytes: bytes):
        self.id = article.id
        self.text = article.text
        self.spans = article.spans
        self.doc_bytes = doc_bytes

    def featurize(self) -> "Parsed":
        doc = self.doc()
        self.table = feats.TokenTable.of(doc)
        self.rows, self.tensor = feats.token_features(doc, self.table)
        self.starts, self.ends, self.words = self.table.starts, self.table.ends, self.table.words
        self.edges = span_edges(self.table)
        self.sentences = [(s.start, s.end) for s in doc.sents]
        return self

    def doc(self):
        from spacy.tokens import Doc

        return Doc(get_nlp().vocab).from_bytes(self.doc_bytes)

    def labels(self, techniques) -> np.ndarray:
        y = np.zeros(len(self.starts), dtype=bool)
        for start, end in gold_spans(self, techniques):
            y |= (self.starts < end) & (self.ends > start) & self.words
        return y


def parse_corpus(ptc: Path, cache: Path) -> list[Parsed]:
    """Parse every article once (cached in ``cache`` by spaCy model), then compute the features."""
    articles = load_ptc(ptc)
    stored = {}
    if cache.is_file():
        with cache.open("rb") as fh:
            key, stored = pickle.load(fh)
        stored = stored if key == SPACY_MODEL else {}
    missing = [a for a in articles if a.id not in stored]
    if missing:
        nlp = get_nlp()
        started = time.perf_counter()
        for i, (article, doc) in enumerate(zip(missing, nlp.pipe((a.text for a in missing), batch_size=8))):
            stored[article.id] = doc.to_bytes()
            if i % 50 == 49:
                print(f"  parsed {i + 1}/{len(missing)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        with cache.open("wb") as fh:
            pickle.dump((SPACY_MODEL, stored), fh)
    return [Parsed(a, stored[a.id]).featurize() for a in articles]


# --------------------------------------------------------------------------- fitting


def vocabulary(parsed: list[Parsed]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in parsed:
        for row in p.rows:
            for f in row:
                counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}


def design(parsed: list[Parsed], vocab: dict[str, int], mean, scale, dense: bool = True):
    from scipy import sparse

    indptr, indices = [0], []
    for p in parsed:
        for row in p.rows:
            indices.extend(j for j in (vocab.get(f) for f in row) if j is not None)
            indptr.append(len(indices))
    X_sparse = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(indptr) - 1, len(vocab)))
    if not dense:
        return X_sparse
    X_dense = sparse.csr_matrix((np.vstack([p.tensor for p in parsed]) - mean) / scale)
    return sparse.hstack([X_sparse, X_dense], format="csr")


def fit_heads(parsed: list[Parsed], alpha: float, heads=HEADS, dense: bool = True):
    """A logistic model per head (SGD on log loss, fixed seed) on the given articles; the packed weights."""
    from sklearn.linear_model import LogisticRegression, SGDClassifier

    vocab = vocabulary(parsed)
    tensor = np.vstack([p.tensor for p in parsed])
    mean, scale = tensor.mean(axis=0), tensor.std(axis=0) + 1e-6
    X = design(parsed, vocab, mean, scale, dense)
    w_sparse = np.zeros((len(vocab), len(HEADS)), dtype=np.float32)
    w_dense = np.zeros((tensor.shape[1], len(HEADS)), dtype=np.float32)
    bias = np.full(len(HEADS), -20.0, dtype=np.float32)  # a head left out predicts nothing
    prior = np.ones(len(HEADS), dtype=np.float32)
    for head in heads:
        k = HEADS.index(head)
        y = np.concatenate([p.labels(HEAD_TECHNIQUES[head]) for p in parsed])
        prior[k] = y.mean()
        if SOLVER == "sgd":
            model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=EPOCHS, tol=None, random_state=0,
                                  learning_rate="optimal", average=True)
        else:
            model = LogisticRegression(C=1.0 / (alpha * X.shape[0]), solver="lbfgs", max_iter=EPOCHS,
                                       class_weight=CLASS_WEIGHT)
        model.fit(X, y)
        coef = model.coef_[0]
        w_sparse[:, k] = coef[: len(vocab)]
        if dense:
            w_dense[:, k] = coef[len(vocab):]
        bias[k] = model.intercept_[0]
    return {"vocab": vocab, "w_sparse": w_sparse, "w_dense": w_dense, "bias": bias, "mean": mean, "scale": scale,
            "prior": prior}


def scorer_from(weights, on=None, extend=None) -> LoadedLanguageModel:
    """A LoadedLanguageModel over in-memory weights (the same inference code as the package)."""
    model = LoadedLanguageModel.__new__(LoadedLanguageModel)
    model.heads = HEADS
    model.index = weights["vocab"]
    model.w_sparse, model.w_dense, model.bias = weights["w_sparse"], weights["w_dense"], weights["bias"]
    model.dense_mean, model.dense_scale = weights["mean"].astype(np.float32), weights["scale"].astype(np.float32)
    model.prior = dict(zip(HEADS, weights["prior"].tolist()))
    model.span_on = on or {h: 0.5 for h in HEADS}
    model.span_extend = extend or {h: 0.5 for h in HEADS}
    model.clear_pool()
    return model


def token_probs(model: LoadedLanguageModel, parsed: list[Parsed]) -> dict[str, np.ndarray]:
    return {p.id: model.score_rows(p.rows, p.tensor) for p in parsed}


def out_of_fold(train: list[Parsed], alpha: float) -> dict[str, np.ndarray]:
    probs: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        fit = [p for p in train if fold_of(p.id, FOLDS) != fold]
        held = [p for p in train if fold_of(p.id, FOLDS) == fold]
        probs.update(token_probs(scorer_from(fit_heads(fit, alpha, heads=DECODED)), held))
        print(f"  fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    return probs


def cached_out_of_fold(train: list[Parsed], alpha: float, path: Path) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities, kept beside the parse cache (they take the longest to make)."""
    key = (SPACY_MODEL, feats.FEATURE_VERSION, alpha, EPOCHS, MIN_COUNT, FOLDS, DECODED, tuple(p.id for p in train))
    if path.is_file():
        with path.open("rb") as fh:
            stored_key, probs = pickle.load(fh)
        if stored_key == key:
            return probs
    probs = out_of_fold(train, alpha)
    with path.open("wb") as fh:
        pickle.dump((key, probs), fh)
    return probs


def cached_fit(train: list[Parsed], alpha: float, path: Path):
    key = (SPACY_MODEL, feats.FEATURE_VERSION, alpha, EPOCHS, MIN_COUNT, HEADS, tuple(p.id for p in train))
    if path.is_file():
        with path.open("rb") as fh:
            stored_key, weights = pickle.load(fh)
        if stored_key == key:
            return weights
    weights = fit_heads(train, alpha)
    with path.open("wb") as fh:
        pickle.dump((key, weights), fh)
    return weights


# --------------------------------------------------------------------------- spans and sentences


def predicted_spans(p: Parsed, probs: np.ndarray, on: float, extend: float) -> list[tuple[int, int]]:
    return [(int(p.starts[lo]), int(p.ends[hi - 1])) for lo, hi, _ in decode_spans(probs, on, extend, p.words, p.edges)]


def technique_spans(p: Parsed, probs: np.ndarray, head: str, on, extend, prior) -> list[tuple[int, int]]:
    """Spans predicted for ``head``: decoded from its own head for decoded heads; for a
    technique of the loaded heads, the loaded spans whose most likely technique it is."""
    if head in DECODED:
        return predicted_spans(p, probs[:, HEADS.index(head)], on[head], extend[head])
    k = HEADS.index("loaded")
    out = []
    for lo, hi, _ in decode_spans(probs[:, k], on["loaded"], extend["loaded"], p.words, p.edges):
        best = max(LOADED_TECHNIQUES, key=lambda t: (probs[lo:hi, HEADS.index(t)].mean() / prior[t], t))
        if best == head:
            out.append((int(p.starts[lo]), int(p.ends[hi - 1])))
    return out


def span_table(parsed, probs, head, on, extend, prior=None) -> dict[str, float]:
    total: dict[str, float] = {}
    for p in parsed:
        predicted = technique_spans(p, probs[p.id], head, on, extend, prior)
        add_counts(total, overlap_counts(gold_spans(p, HEAD_TECHNIQUES[head]), predicted))
    return span_scores(total)


def tune_spans(parsed, probs, head) -> tuple[float, float, dict]:
    best = (0.0, 0.5, 0.5, {})
    for on in (0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
        for ratio in (1.0, 0.8, 0.6, 0.4):
            scores = span_table(parsed, probs, head, {head: on}, {head: on * ratio})
            if scores["f1"] > best[0]:
                best = (scores["f1"], on, on * ratio, scores)
    return best[1], best[2], best[3]


def sentence_rows(parsed, probs, on) -> tuple[np.ndarray, list[bool]]:
    X, y = [], []
    for p in parsed:
        doc = p.doc()
        scores = TokenScores(HEADS, probs[p.id], p.table, feature_flags(p.rows))
        gold = gold_spans(p, SENTENCE_TECHNIQUES)
        for lo, hi in p.sentences:
            if not p.words[lo:hi].any():
                continue
            start, end = int(p.starts[lo]), int(p.ends[hi - 1])
            X.append(sentence_features(doc, scores, lo, hi, on))
            y.append(any(s < end and start < e for s, e in gold))
    return np.array(X), y


def fit_sentences(X: np.ndarray, y: list[bool]):
    """The sentence model, fitted with both classes weighted alike so that its score reads
    as P(loaded) under equal priors; the slant threshold maximises macro-F1 on the
    out-of-fold rows reweighted to equal class shares (PTC has about one loaded sentence
    in five, news-bias benchmarks about one in two; macro-F1 weighs both classes alike)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-6
    model = LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000, class_weight="balanced")
    model.fit((X - mean) / scale, y)
    probs = model.predict_proba((X - mean) / scale)[:, 1]
    best = max((macro_f1(y, list(probs >= t), balanced=True), round(float(t), 2)) for t in np.arange(0.2, 0.8, 0.02))
    return {"w": model.coef_[0], "b": model.intercept_[0], "mean": mean, "scale": scale, "threshold": best[1], "macro": best[0],
            "macro_natural": macro_f1(y, list(probs >= best[1]))}


# --------------------------------------------------------------------------- baselines


def lexicon_spans(p: Parsed) -> list[tuple[int, int]]:
    """The curated-lexicon detector Parallax used before the model (labels, VADER, Pattern)."""
    doc = p.doc()
    return sorted({(t.start, t.end) for t in lexical.lexicon_terms(doc)})


def vader_spans(p: Parsed) -> list[tuple[int, int]]:
    from parallax.evaluation.framing import vader_baseline

    return vader_baseline(p.text)


def baseline_table(parsed, spans_of) -> dict[str, dict[str, float]]:
    out = {}
    cache = {p.id: spans_of(p) for p in parsed}
    for head in HEADS:
        total: dict[str, float] = {}
        for p in parsed:
            add_counts(total, overlap_counts(gold_spans(p, HEAD_TECHNIQUES[head]), cache[p.id]))
        out[head] = span_scores(total)
    return out


def sentence_labels(parsed, spans_of) -> tuple[list[bool], list[bool]]:
    gold_all, pred_all = [], []
    for p in parsed:
        gold = gold_spans(p, SENTENCE_TECHNIQUES)
        spans = spans_of(p)
        for lo, hi in p.sentences:
            if not p.words[lo:hi].any():
                continue
            start, end = int(p.starts[lo]), int(p.ends[hi - 1])
            gold_all.append(any(s < end and start < e for s, e in gold))
            pred_all.append(any(s < end and start < e for s, e in spans))
    return gold_all, pred_all


def sentence_model_labels(parsed, probs, on, sentence) -> tuple[list[bool], list[bool]]:
    X, y = sentence_rows(parsed, probs, on)
    z = ((X - sentence["mean"]) / sentence["scale"]) @ sentence["w"] + sentence["b"]
    return y, list(1 / (1 + np.exp(-z)) >= sentence["threshold"])


def shipped_spans(p: Parsed, probs: np.ndarray, model: LoadedLanguageModel) -> list[tuple[int, int]]:
    """Loaded terms exactly as Parallax shows them (model spans plus strong curated labels), all voices."""
    from parallax.article.framing.voice import Voice
    from parallax.model import Article

    doc = p.doc()
    terms = find_loaded_terms(Article(id=p.id, text=p.text), doc, TokenScores(HEADS, probs, p.table, feature_flags(p.rows)), Voice([]), Voice([]), model)
    return [(t.start, t.end) for t in terms]


def report(heldout, probs, on, extend, prior, sentence, model) -> str:
    shipped = baseline_table(heldout, lambda p: shipped_spans(p, probs[p.id], model))
    lines = [f"Held-out PTC split: {len(heldout)} articles "
             f"({sum(len(gold_spans(p, FRAMING_TECHNIQUES)) for p in heldout)} framing-technique spans); "
             "overlap = one-to-one span overlap (as `parallax evaluate`), semeval = SemEval-2020 Task 11 partial-overlap.",
             "", "| technique | model P / R / F1 (overlap) | model F1 (semeval) | curated lexicons F1 (overlap) | VADER F1 (overlap) |",
             "|---|---|---|---|---|"]
    lexicon = baseline_table(heldout, lexicon_spans)
    vader = baseline_table(heldout, vader_spans)
    for head in HEADS:
        s = span_table(heldout, probs, head, on, extend, prior)
        name = "loaded terms (LL + NC + EM)" if head == "loaded" else head
        lines.append(f"| {name} | {s['p']:.3f} / {s['r']:.3f} / {s['f1']:.3f} | {s['semeval_f1']:.3f} | "
                     f"{lexicon[head]['f1']:.3f} | {vader[head]['f1']:.3f} |")
        if head == "loaded":
            t = shipped["loaded"]
            lines.append(f"| loaded terms as shipped (model + curated labels) | {t['p']:.3f} / {t['r']:.3f} / {t['f1']:.3f} | "
                         f"{t['semeval_f1']:.3f} | | |")
    rows = [("model (slant)", sentence_model_labels(heldout, probs, on, sentence)),
            ("any curated-lexicon term in the sentence", sentence_labels(heldout, lexicon_spans)),
            ("any VADER word of valence 1.5 or more either way in the sentence", sentence_labels(heldout, vader_spans))]
    gold = rows[0][1][0]
    lines += ["", f"Sentence level: {len(gold)} held-out sentences, {sum(gold) / len(gold):.0%} positive (a sentence is positive "
              "when it overlaps a span of the four framing techniques). Macro-F1 as is, and reweighted to equal class shares:",
              "", "| sentence signal | macro-F1 | macro-F1, classes reweighted 50/50 |", "|---|---|---|"]
    for name, (y, pred) in rows:
        lines.append(f"| {name} | {macro_f1(y, pred):.3f} | {macro_f1(y, pred, balanced=True):.3f} |")
    return "\n".join(lines)


def save(weights, on, extend, sentence, path: Path, n_train: int) -> None:
    import sklearn

    keep = np.abs(weights["w_sparse"]).max(axis=1) >= 1e-3
    vocab = sorted(weights["vocab"], key=weights["vocab"].get)
    np.savez_compressed(
        path,
        feature_version=np.array(feats.FEATURE_VERSION),
        heads=np.array(HEADS),
        vocab=np.array([f for f, k in zip(vocab, keep) if k]),
        w_sparse=weights["w_sparse"][keep].astype(np.float16),
        w_dense=weights["w_dense"].astype(np.float32),
        dense_mean=weights["mean"].astype(np.float32),
        dense_scale=weights["scale"].astype(np.float32),
        bias=weights["bias"].astype(np.float32),
        prior=weights["prior"].astype(np.float32),
        span_on=np.array([on[h] for h in HEADS]),
        span_extend=np.array([extend[h] for h in HEADS]),
        sentence_w=sentence["w"], sentence_b=np.array(sentence["b"]),
        sentence_mean=sentence["mean"], sentence_scale=sentence["scale"],
        sentence_threshold=np.array(sentence["threshold"]),
        sentence_features=np.array(SENTENCE_FEATURES),
        meta_trained_on=np.array(f"PTC (SemEval-2020 Task 11) training partition, {n_train} articles not held out"),
        meta_split=np.array("held out: sha256(article id) % 5 == 0"),
        meta_spacy=np.array(SPACY_MODEL),
        meta_sklearn=np.array(sklearn.__version__),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "corpora" / "ptc")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/parallax-ptc-parsed.pkl"))
    parser.add_argument("--alpha", type=float, default=1e-5)
    parser.add_argument("--evaluate", action="store_true", help="only score the packaged model on the held-out split")
    args = parser.parse_args()
    if not args.ptc.is_dir():
        sys.exit(f"{args.ptc}: PTC folder not found")
    parsed = parse_corpus(args.ptc, args.cache)
    train = [p for p in parsed if split_of(p.id) == "train"]
    heldout = [p for p in parsed if split_of(p.id) == "heldout"]
    print(f"{len(train)} training articles, {len(heldout)} held out", file=sys.stderr)
    if args.evaluate:
        model = LoadedLanguageModel(args.out)
        sentence = {"w": model.sentence_w, "b": model.sentence_b, "mean": model.sentence_mean,
                    "scale": model.sentence_scale, "threshold": model.sentence_threshold}
        print(report(heldout, token_probs(model, heldout), model.span_on, model.span_extend, model.prior, sentence, model))
        return
    oof = cached_out_of_fold(train, args.alpha, args.cache.with_suffix(".oof.pkl"))
    on, extend = {}, {}
    for head in DECODED:
        on[head], extend[head], scores = tune_spans(train, oof, head)
        print(f"  {head}: on {on[head]:.2f} extend {extend[head]:.2f} -> out-of-fold F1 {scores['f1']:.3f}", file=sys.stderr)
    for head in HEADS:
        on.setdefault(head, on["loaded"])
        extend.setdefault(head, extend["loaded"])
    X, y = sentence_rows(train, oof, on)
    sentence = fit_sentences(X, y)
    print(f"  sentences: threshold {sentence['threshold']:.2f} -> out-of-fold macro-F1 {sentence['macro_natural']:.3f}, "
          f"reweighted 50/50 {sentence['macro']:.3f}", file=sys.stderr)
    weights = cached_fit(train, args.alpha, args.cache.with_suffix(".weights.pkl"))
    final = scorer_from(weights, on, extend)
    save(weights, on, extend, sentence, args.out, len(train))
    print(report(heldout, token_probs(final, heldout), on, extend, final.prior, sentence, LoadedLanguageModel(args.out)))


if __name__ == "__main__":
    main()
