# Coop suite: two commands after the prerequisites (see README.md).
#   make demo   - create (if absent) and serve the demo coop database
#   make test   - run every test on a throw-away database; coverage, then "N passed, N failed"
#   make bench  - run the benchmarks in bench/
# Every installable addon of addons/ is installed and tested: ADDONS="a b" narrows;
# TEST_TAGS, KEEP_DB=1, NO_PYTEST=1 too (see README.md).
DB ?= coop_demo
PORT ?= 8069
ADDONS ?=
N ?= 800
PYTHON ?= python3
export DB PORT ADDONS N

.PHONY: demo test bench lint

demo:
	$(PYTHON) tools/coop_ci.py demo

test:
	$(PYTHON) tools/coop_ci.py test

bench:
	$(PYTHON) tools/coop_ci.py bench

lint:
	pre-commit run --all-files
