#!/usr/bin/env bash
# Mutation testing of the publish-safety code (issue 10): would the tests notice a broken guard?
#
#   scripts/mutation.sh                      # the modules below
#   scripts/mutation.sh okcomposer/app/retry.py
#   MUTATION_MIN=95 scripts/mutation.sh      # the score it must reach (percent, default 90)
#   MUTATION_TESTS="tests/api/test_signing.py" scripts/mutation.sh okcomposer/api/signing.py
#                                            # only these tests (paths or node ids, space-separated)
#
# Uses mutmut 3 from .venv (pip install -e ".[test]") and its [tool.mutmut] settings in pyproject.toml, which
# also name the tests it runs. Starts from a clean mutants/ each time, so a score never comes from stale
# copies. Prints killed / total and the surviving mutants; exits 1 below MUTATION_MIN. Afterwards,
# `.venv/bin/mutmut show NAME` shows a mutant's diff and `.venv/bin/mutmut browse` all of them.
set -euo pipefail

# The modules to mutate; each must also match only_mutate in [tool.mutmut] of pyproject.toml.
MODULES=(okcomposer/app/retry.py okcomposer/app/confirm.py okcomposer/app/outbox.py okcomposer/app/outcomes.py
    okcomposer/store/outbox.py)
if (($# > 0)); then MODULES=("$@"); fi

MIN=${MUTATION_MIN:-90}
CHILDREN=${MUTATION_CHILDREN:-1}  # one worker: the suite talks to a local sandbox and the machine is shared

cd "$(dirname "$0")/.."
PY=.venv/bin/python
MUTMUT=.venv/bin/mutmut
if [[ ! -x $MUTMUT ]]; then
    echo "mutation.sh: no $MUTMUT; install the test tools first: $PY -m pip install -e '.[test]'" >&2
    exit 2
fi
if ! [[ $MIN =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    echo "mutation.sh: MUTATION_MIN must be a number of percent, not '$MIN'" >&2
    exit 2
fi

# Each module must exist and be one mutmut mutates, or its score would silently be missing.
"$PY" - "${MODULES[@]}" <<'EOF'
import fnmatch, sys, tomllib
from pathlib import Path

cfg = tomllib.loads(Path("pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
bad = [m for m in sys.argv[1:] if not Path(m).is_file()]
bad += [f"{m} (not in only_mutate)" for m in sys.argv[1:]
        if Path(m).is_file() and not any(fnmatch.fnmatch(m, p) for p in cfg.get("only_mutate", []))]
if bad:
    sys.exit("mutation.sh: cannot mutate " + ", ".join(bad))
EOF

# okcomposer/app/retry.py -> okcomposer.app.retry.*  (the names of its mutants)
patterns=()
for module in "${MODULES[@]}"; do
    dotted=${module%.py}
    patterns+=("${dotted//\//.}.*")
done

export QT_QPA_PLATFORM=offscreen
rm -rf mutants
mkdir mutants
# mutmut 3.8's fork server hands a mutant's tests to pytest in no particular order (its fork runner sorts
# them fastest first), so a mutant that a unit test kills in a millisecond first sat through sandbox tests
# (~17 s a mutant). This plugin sorts them again by the durations mutmut measured; mutants/ is on sys.path.
cat >mutants/mutation_fastest_first.py <<'PLUGIN'
"""Written by scripts/mutation.sh: run a mutant's tests fastest first."""

import json
from pathlib import Path

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    try:
        stats = json.loads(Path(config.rootpath, "mutmut-stats.json").read_text("utf-8"))
        durations = stats["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return  # mutmut has not measured them yet
    items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))
PLUGIN
export PYTEST_ADDOPTS="${PYTEST_ADDOPTS:+$PYTEST_ADDOPTS }-p mutation_fastest_first"
echo "mutation.sh: mutating ${MODULES[*]} with $CHILDREN worker(s)"
started=$(date +%s)
# Naming the mutants runs just these modules' mutants, each against the tests that reach it.
# MUTATION_TESTS replaces pyproject's test selection: mutmut has no option for it, so a wrapper swaps the
# one setting as mutmut reads its config (the fork server is a fork of this process and inherits it).
MUTATION_TESTS=${MUTATION_TESTS:-} "$PY" - run --max-children "$CHILDREN" "${patterns[@]}" <<'RUN'
import os, sys

import mutmut.configuration as configuration
from mutmut.__main__ import cli

tests = os.environ["MUTATION_TESTS"].split()
read = configuration._config_reader


def reader():
    setting = read()
    return lambda key, default: tests if tests and key == "pytest_add_cli_args_test_selection" else setting(key, default)


configuration._config_reader = reader
configuration.reset_config()  # importing mutmut's CLI may have read the config already
sys.argv[0] = "mutmut"
cli()
RUN
elapsed=$(($(date +%s) - started))

# The verdicts of these modules' mutants; mutmut counts a timeout as killed, and so does this.
score_py='
import fnmatch, sys

minimum, elapsed, patterns = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
status = {}
for line in sys.stdin:
    name, sep, what = line.strip().rpartition(": ")
    if sep and any(fnmatch.fnmatch(name, p) for p in patterns):
        status[name] = what
killing = {"killed", "timeout", "caught by type check"}
total = sum(1 for s in status.values() if s != "skipped")
killed = sum(1 for s in status.values() if s in killing)
score = 100.0 * killed / total if total else 0.0
print()
for name, what in sorted(status.items()):
    if what not in killing | {"skipped"}:
        print(f"  {what}: {name}")
print(f"mutation score: {killed} / {total} killed = {score:.1f} % (minimum {minimum:g} %), took {elapsed} s")
if not total:
    sys.exit("mutation.sh: no mutants were tested")
if score < minimum:
    sys.exit(f"mutation.sh: {score:.1f} % is below {minimum:g} %")
'
"$MUTMUT" results --all true | "$PY" -c "$score_py" "$MIN" "$elapsed" "${patterns[@]}"
