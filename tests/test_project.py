"""Project-wide contracts: the public API, the layers, the settings documentation."""

import re
import subprocess
import sys
from pathlib import Path

import parallax
from parallax.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_public_api_is_curated():
    assert set(parallax.__all__) == {
        "Article", "Entity", "InputError", "ParallaxError", "PipelineError", "Quote", "Rejection",
        "Result", "SchemaError", "Story", "StoreError", "Timex", "analyze", "report", "__version__",
    }
    for name in parallax.__all__:
        assert hasattr(parallax, name), name


def test_lower_layers_never_import_higher_ones():
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for s in SETTINGS:
        assert re.search(rf"\| `{s.name}` \|", readme), f"setting {s.name} is not in the README's table"


def test_settings_layering(monkeypatch, tmp_path):
    from parallax.settings import load

    conf = tmp_path / "settings.toml"
    conf.write_text("workers = 3\nbatch_size = 10\n")
    monkeypatch.setenv("PARALLAX_CONFIG", str(conf))
    monkeypatch.setenv("PARALLAX_BATCH_SIZE", "20")
    values = load({"workers": None})
    assert values["workers"] == 3 and values["batch_size"] == 20
    assert load({"workers": 2})["workers"] == 2
