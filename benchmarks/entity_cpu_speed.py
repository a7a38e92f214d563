"""CPU time of the built-in entity recogniser per 500 words over the bundled sample corpus (best of 7 passes).

CPU time, not wall time, so two versions can be compared on a machine busy with other jobs:

    git archive <commit> | tar -x -C /tmp/old
    .venv/bin/python benchmarks/entity_cpu_speed.py /tmp/old      # the older code
    .venv/bin/python benchmarks/entity_cpu_speed.py .             # this tree
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(root: str) -> float:
    """Best-of-7 CPU milliseconds per 500 words of `entities_from_tokens` with the code under `root`."""
    sys.path.insert(0, str(Path(root).resolve()))
    from storyline.data import sample_articles_dir
    from storyline.text.ner import entities_from_tokens
    from storyline.text.tokens import sentence_tokens

    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_articles_dir().rglob("*.txt"))]
    tokens = [sentence_tokens(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    for text, toks in zip(texts, tokens, strict=True):  # warm-up: loads the word lists
        entities_from_tokens(text, toks, "nl", "builtin")
    best = float("inf")
    for _ in range(7):
        started = time.process_time()
        for text, toks in zip(texts, tokens, strict=True):
            entities_from_tokens(text, toks, "nl", "builtin")
        best = min(best, time.process_time() - started)
    return best * 1000 * 500 / words


if __name__ == "__main__":
    where = sys.argv[1] if len(sys.argv) > 1 else "."
    sys.stdout.write(f"{where}: entities (builtin) {main(where):.3f} ms CPU per 500 words\n")
