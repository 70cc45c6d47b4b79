"""Train the claim-relation models shipped in src/parallax/models/claims/weights.json.

    python scripts/train_claims.py ../shared/data/claimdiff

Reads ClaimDiff-strength-train.json and ClaimDiff-weak-train.json, fits one logistic model for
each (see parallax.compare.claims.train), writes the weights, and prints the cross-validated
scores from `parallax eval claimdiff` for each file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parallax.compare.claims import train
from parallax.eval.claimdiff import evaluate, load

OUT = Path(__file__).resolve().parents[1] / "src" / "parallax" / "models" / "claims" / "weights.json"


def main(folder: str) -> None:
    models = {}
    for relation, name in (("strengthen", "ClaimDiff-strength-train.json"), ("weaken", "ClaimDiff-weak-train.json")):
        data = load(Path(folder) / name)
        models[relation] = train([(x["claim_a"], x["claim_b"]) for x in data], [int(x["relation"]) for x in data])
        models[relation]["trained_on"] = name
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(models, indent=1) + "\n", "utf-8")
    print(f"wrote {OUT}")
    from parallax.compare import claims
    claims.shipped_models.cache_clear()
    for name in ("ClaimDiff-strength-train.json", "ClaimDiff-weak-train.json"):
        lines, metrics = evaluate(Path(folder) / name)
        print("\n".join(lines))
        print(json.dumps(metrics))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/claimdiff")
