"""The whole translation path through transformers (and CTranslate2) on tiny Marian models built
here: a sentencepiece vocabulary trained in the test, random weights, saved as safetensors and
loaded back with `load_translator` from a local path. No hub access.

Two models:
- random: random weights; the path must run end to end (tokenize, batch, beam search, guard,
  placeholders, null on failure) and be deterministic;
- scripted: the decoder's weights are set so it always emits one known sentence whatever the input
  ("Japan invests ZX0 .") -- token embeddings one-hot, decoder layers zeroed, the output projection
  maps each token to the next. That makes placeholder restoration through the real
  `generate` / `batch_decode` observable; a self-loop variant makes the repetition guard fire.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
spm = pytest.importorskip("sentencepiece")

from pipeline.translation import Translator, load_translator  # noqa: E402

torch.set_num_threads(1)  # tiny models: threads only add overhead on a shared machine
from pipeline.translation.engines import TransformersEngine  # noqa: E402

PLACEHOLDERS = [f"ZX{i}" for i in range(6)]
CORPUS = [
    "日本政府今年投入巨资押注量子技术。", "德国承诺为氢能投入资金。", "湖北设立集成电路产业投资基金。",
    "风险是肯定有的。", "人才短缺是另一个隐忧。", "富士通获得补贴。",
    "Japan invests in quantum technology.", "Germany pledges money for hydrogen.", "Hubei sets up a chip fund.",
    "There are risks.", "Talent is short.", "the the the",
] + [" ".join(PLACEHOLDERS)] * 3 + ["Japan invests ZX0 ."] * 30


def _vocabulary(folder: Path) -> dict[str, int]:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 20), model_writer=model, vocab_size=150, model_type="bpe",
        character_coverage=1.0, user_defined_symbols=PLACEHOLDERS, unk_id=0, eos_id=1, bos_id=-1, pad_id=-1,
        hard_vocab_limit=False, minloglevel=2)
    (folder / "source.spm").write_bytes(model.getvalue())
    (folder / "target.spm").write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(processor.get_piece_size()):
        piece = processor.id_to_piece(i)
        if piece not in vocab:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return vocab


def build_tiny_marian(folder: Path, *, script: str | None = None, loop: bool = False, seed: int = 0) -> Path:
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = _vocabulary(folder)
    tokenizer = MarianTokenizer(str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json"))
    size = len(vocab)
    pad = vocab["<pad>"]
    d_model = 160 if script or loop else 32  # >= vocabulary size (one-hot embeddings)
    assert d_model >= size or not (script or loop)
    config = MarianConfig(
        vocab_size=size, d_model=d_model, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=256,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        scale_embedding=False, tie_word_embeddings=not (script or loop), share_encoder_decoder_embeddings=True)
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    if script or loop:
        if loop:
            nexts = {pad: vocab["▁the"], vocab["▁the"]: vocab["▁the"]}
        else:
            ids = tokenizer(text_target=script)["input_ids"]          # ends with </s>
            assert len(set(ids)) == len(ids), "the scripted sentence must not repeat a token"
            nexts = dict(zip([pad] + ids[:-1], ids))
        with torch.no_grad():
            embed = torch.zeros(size, d_model)
            embed[torch.arange(size), torch.arange(size)] = 100.0      # one-hot token embeddings
            for table in {id(t): t for t in (model.model.shared, model.model.encoder.embed_tokens,
                                             model.model.decoder.embed_tokens)}.values():
                table.weight.copy_(embed)
            for layer in model.model.decoder.layers:                    # residual only: hidden = LN(embedding)
                for proj in (layer.self_attn.out_proj, layer.encoder_attn.out_proj, layer.fc2):
                    proj.weight.zero_()
                    proj.bias.zero_()
            head = torch.zeros(size, d_model)
            for prev, nxt in nexts.items():
                head[nxt, prev] = 1.0                                   # token `prev` -> token `nxt`
            model.lm_head.weight.copy_(head)
            model.final_logits_bias.zero_()
    model.eval()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def random_model(tmp_path_factory) -> Path:
    return build_tiny_marian(tmp_path_factory.mktemp("marian-random"))


@pytest.fixture(scope="module")
def scripted_model(tmp_path_factory) -> Path:
    return build_tiny_marian(tmp_path_factory.mktemp("marian-scripted"), script="Japan invests ZX0 .")


SENTENCES = ["日本政府今年投入巨资押注量子技术。", "风险是肯定有的。", "富士通获得补贴。", "人才短缺是另一个隐忧。",
             "德国承诺为氢能投入资金。"]


def test_model_is_saved_as_safetensors_and_loads_from_a_local_path(random_model):
    assert (random_model / "model.safetensors").exists()
    assert not (random_model / "pytorch_model.bin").exists()
    messages: list[str] = []
    translator = load_translator(str(random_model), on_message=messages.append, batch_size=2)
    assert translator is not None and messages == []
    assert translator.backend == "transformers" and translator.engine.weights == "safetensors"
    assert "transformers" in translator.provenance["translation"]


def test_random_model_runs_the_whole_path_deterministically(random_model):
    translator = load_translator(str(random_model), batch_size=2)
    spans = [[(0, 2, "Japan")], [], [(0, 3, "Fujitsu")], [], [(0, 2, "Germany")]]
    first = translator.translate(SENTENCES, spans)
    second = load_translator(str(random_model), batch_size=5).translate(SENTENCES, spans)
    assert len(first) == len(SENTENCES)
    assert first == second                                   # beam search, no sampling; batching does not matter
    for text in first:
        assert text is None or (isinstance(text, str) and "ZX" not in text.upper())
    # random weights cannot keep placeholders: those sentences are null, never a guess
    stats = translator.stats
    assert stats.sentences == len(SENTENCES)
    assert stats.translated + stats.failed >= 1


def test_scripted_model_restores_the_english_form_through_transformers(scripted_model):
    engine = TransformersEngine(str(scripted_model))
    raw = engine.generate(["随便什么句子。", "另一句。"])
    assert raw == ["Japan invests ZX0 .", "Japan invests ZX0 ."]
    translator = Translator(engine, batch_size=1)
    out = translator.translate(["富士通获得补贴。", "风险是肯定有的。"], [[(0, 3, "US$7.4 billion")], []])
    # sentence 1 has one protected span: ZX0 -> its English form; sentence 2 has none, so the
    # model's ZX0 is an invented placeholder: the inline retry cannot remove it -> null
    assert out == ["Japan invests US$7.4 billion.", None]
    assert translator.stats.retried_inline == 1


def test_repetition_loop_is_detected_and_retried(tmp_path):
    folder = build_tiny_marian(tmp_path / "loop", loop=True)
    engine = TransformersEngine(str(folder))
    assert engine.generate(["日本。"])[0].split()[:4] == ["the"] * 4
    translator = Translator(engine)
    out = translator.translate(["日本。"])
    assert translator.stats.retried_loop == 1
    assert out[0] is None or "the the the the" not in out[0]


def test_ctranslate2_backend_matches_transformers_on_the_scripted_model(scripted_model, tmp_path, monkeypatch):
    pytest.importorskip("ctranslate2")
    from pipeline.translation.engines import convert_to_ctranslate2

    monkeypatch.setenv("PIPELINE_CT2_DIR", str(tmp_path / "ct2"))
    converted = convert_to_ctranslate2(str(scripted_model), tmp_path / "ct2" / "tiny-int8")
    assert (converted / "model.bin").exists()
    translator = load_translator(str(converted), backend="ctranslate2")
    assert translator is not None and translator.backend == "ctranslate2"
    assert translator.engine.generate(["随便什么句子。"]) == ["Japan invests ZX0 ."]
    assert translator.translate(["富士通获得补贴。"], [[(0, 3, "Fujitsu")]]) == ["Japan invests Fujitsu."]
