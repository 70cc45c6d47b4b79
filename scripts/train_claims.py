"""Train the claim-relation models shipped in src/parallax/models/claims/weights.json.

    .venv/bin/python scripts/train_claims.py ../shared/data/claimdiff

Reads ClaimDiff-strength-train.json and ClaimDiff-weak-train.json (the train split only), fits
one logistic model for each over the features of parallax.compare.claims.features (see
parallax.compare.claims.train for the settings), writes the weights with a fingerprint of the
pairs they were trained on, and prints `parallax eval claimdiff` on both files, which is
cross-validated (grouped by topic) because the files are training data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parallax.compare import claims
from parallax.eval.claimdiff import evaluate, load, pairs_digest

OUT = Path(__file__).resolve().parents[1] / "src" / "parallax" / "models" / "claims" / "weights.json"
FILES = (("strengthen", "ClaimDiff-strength-train.json"), ("weaken", "ClaimDiff-weak-train.json"))


def main(folder: str) -> None:
    models = {}
    for relation, name in FILES:
        data = load(Path(folder) / name)
        model = claims.train([(x["claim_a"], x["claim_b"]) for x in data], [int(x["relation"]) for x in data])
        models[relation] = {**model, "trained_on": name, "pairs": len(data), "pairs_sha256": pairs_digest(data)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(models, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT}")
    claims.shipped_models.cache_clear()
    for _, name in FILES:
        lines, metrics = evaluate(Path(folder) / name)
        print("\n".join(lines))
        print(json.dumps(metrics, sort_keys=True))
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/claimdiff")
