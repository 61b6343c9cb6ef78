"""Settings: defaults, round trip, and hand-edited or broken files falling back safely."""

from __future__ import annotations

import json

from okcomposer.store.settings import Settings, SettingsStore


def test_defaults_and_round_trip(tmp_path):
    store = SettingsStore(tmp_path / "s.json")
    assert store.load() == Settings()
    store.save(Settings(language="ru", theme="dark", strip_gps=False, parallel_uploads=2, last_target="70"))
    assert store.load() == Settings("ru", "dark", False, 2, "70")
    assert json.loads((tmp_path / "s.json").read_text())["version"] == 1


def test_bad_values_fall_back(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"language": "xx", "theme": 3, "strip_gps": "no", "parallel_uploads": 99}))
    assert SettingsStore(path).load() == Settings()
    path.write_text("{broken")
    assert SettingsStore(path).load() == Settings()
