"""Translation engines: transformers (MarianMT or any seq2seq model) and CTranslate2 (int8).

Both decode deterministically with beam search and guard against repetition loops with a length
cap proportional to the source, a repetition penalty, and (in strict mode, used to retry a
looping output) no repeated trigrams. torch / transformers / ctranslate2 are imported only here,
when an engine is built: they are the optional `[mt]` extra.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline import package_version


@dataclass
class DecodeSettings:
    num_beams: int = 4
    repetition_penalty: float = 1.1
    strict_repetition_penalty: float = 1.3
    strict_no_repeat_ngram: int = 3
    length_ratio: float = 2.0        # max new tokens = ratio x source tokens + slack
    length_slack: int = 16
    max_new_tokens: int = 512


class TransformersEngine:
    backend = "transformers"

    def __init__(self, model: str, *, local_files_only: bool = True, revision: str | None = None,
                 settings: DecodeSettings | None = None, threads: int | None = None):
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self.name = model
        self.settings = settings or DecodeSettings()
        common = dict(local_files_only=local_files_only, revision=revision, trust_remote_code=False)
        self.tokenizer = AutoTokenizer.from_pretrained(model, **common)
        try:  # safetensors first; a .bin checkpoint only when the model has no safetensors file
            self.model = AutoModelForSeq2SeqLM.from_pretrained(model, use_safetensors=True, **common)
            self.weights = "safetensors"
        except (OSError, ValueError):
            self.model = AutoModelForSeq2SeqLM.from_pretrained(model, use_safetensors=False, **common)
            self.weights = "pytorch_model.bin"
        self.model.eval()
        self.version = f"{package_version('transformers')} (torch {package_version('torch')}, {self.weights})"
        self._torch = torch

    def generate(self, sources: list[str], *, strict: bool = False) -> list[str]:
        if not sources:
            return []
        s = self.settings
        batch = self.tokenizer(sources, return_tensors="pt", padding=True, truncation=True, max_length=512)
        longest = int(batch["attention_mask"].sum(dim=1).max())
        ratio = s.length_ratio if not strict else max(1.2, s.length_ratio * 0.75)
        kwargs = dict(num_beams=s.num_beams, do_sample=False, early_stopping=True,
                      max_new_tokens=min(s.max_new_tokens, int(ratio * longest) + s.length_slack),
                      repetition_penalty=s.strict_repetition_penalty if strict else s.repetition_penalty)
        if strict:
            kwargs["no_repeat_ngram_size"] = s.strict_no_repeat_ngram
        with self._torch.inference_mode():
            output = self.model.generate(**batch, **kwargs)
        return [t.strip() for t in self.tokenizer.batch_decode(output, skip_special_tokens=True)]


class CTranslate2Engine:
    """A model converted with `convert_to_ctranslate2` (int8 by default), run by CTranslate2 on CPU."""

    backend = "ctranslate2"

    def __init__(self, model_dir: str | Path, *, tokenizer: str | Path | None = None, compute_type: str = "int8",
                 settings: DecodeSettings | None = None, threads: int | None = None):
        import ctranslate2
        from transformers import AutoTokenizer

        self.name = str(model_dir)
        self.settings = settings or DecodeSettings()
        self.translator = ctranslate2.Translator(str(model_dir), device="cpu", compute_type=compute_type,
                                                 intra_threads=threads or 0)
        self.tokenizer = AutoTokenizer.from_pretrained(str(tokenizer or model_dir), local_files_only=True,
                                                       trust_remote_code=False)
        self.version = f"{package_version('ctranslate2')} ({compute_type})"

    def generate(self, sources: list[str], *, strict: bool = False) -> list[str]:
        if not sources:
            return []
        s = self.settings
        tokens = [self.tokenizer.convert_ids_to_tokens(self.tokenizer.encode(text, truncation=True, max_length=512))
                  for text in sources]
        longest = max(len(t) for t in tokens)
        ratio = s.length_ratio if not strict else max(1.2, s.length_ratio * 0.75)
        results = self.translator.translate_batch(
            tokens, beam_size=s.num_beams, max_batch_size=0,
            max_decoding_length=min(s.max_new_tokens, int(ratio * longest) + s.length_slack),
            repetition_penalty=s.strict_repetition_penalty if strict else s.repetition_penalty,
            no_repeat_ngram_size=s.strict_no_repeat_ngram if strict else 0)
        out = []
        for result in results:
            ids = self.tokenizer.convert_tokens_to_ids(result.hypotheses[0])
            out.append(self.tokenizer.decode(ids, skip_special_tokens=True).strip())
        return out


def convert_to_ctranslate2(model: str | Path, output_dir: str | Path, *, quantization: str = "int8",
                           local_files_only: bool = True, force: bool = False) -> Path:
    """Convert a transformers seq2seq model (hub id in the cache, or a local path) for CTranslate2,
    and save its tokenizer beside it so the converted folder is self-contained."""
    import ctranslate2
    from transformers import AutoTokenizer

    output_dir = Path(output_dir)
    if (output_dir / "model.bin").exists() and not force:
        return output_dir
    if not Path(str(model)).exists():
        from huggingface_hub import snapshot_download

        model = snapshot_download(str(model), local_files_only=local_files_only)
    converter = ctranslate2.converters.TransformersConverter(str(model))
    converter.convert(str(output_dir), quantization=quantization, force=True)
    AutoTokenizer.from_pretrained(str(model), local_files_only=True, trust_remote_code=False).save_pretrained(str(output_dir))
    return output_dir
