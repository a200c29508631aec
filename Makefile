# The two commands a newcomer needs; see README.md.
.PHONY: run dev test bench lighthouse lint

run:   ## build and serve on http://127.0.0.1:3000 (SQLite in data/)
	@bash .ci/run-app

dev:   ## development loop: debug build, demo data, rebuild and reload on every edit
	@bash .ci/dev

test:  ## the whole test suite: unit, integration and end-to-end, on SQLite and PostgreSQL
	@bash .ci/test

bench: ## load benchmarks against the release build (prints requests/s and latency)
	@bash .ci/bench

lighthouse: ## Lighthouse mobile performance per page (median of 3) against the release build
	@bash .ci/lighthouse

lint:  ## rustfmt and clippy as CI runs them
	@cargo fmt --all -- --check
	@cargo clippy --workspace --all-targets -- -D warnings
