# Coop suite: two commands after the prerequisites (see README.md).
#   make demo   - create (if absent) and serve the demo coop database
#   make test   - run every test on a throw-away database
#   make bench  - run the benchmarks in bench/
DB ?= coop_demo
PORT ?= 8069
ADDONS ?= coop_membership coop_shift coop_ssa coop_training
N ?= 800
PYTHON ?= python3

.PHONY: demo test bench template lint

demo:
	$(PYTHON) tools/coop_ci.py demo --db $(DB) --port $(PORT)

test:
	$(PYTHON) tools/coop_ci.py test --addons "$(ADDONS)"

template:
	$(PYTHON) tools/coop_ci.py template

bench:
	$(PYTHON) tools/coop_ci.py bench --n $(N)

lint:
	pre-commit run --all-files
