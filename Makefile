# idv-capture — the two commands a new machine needs:
#   make demo   installs what is missing, builds, serves the demo at http://127.0.0.1:8080
#   make test   installs what is missing and runs every test layer (native, wasm, e2e)
.PHONY: demo test setup setup-demo fixtures npm demo-build test-native test-wasm test-e2e lint

demo: setup-demo demo-build
	node scripts/serve-demo.mjs

test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

setup-demo:
	bash scripts/setup.sh demo

fixtures: setup
	bash scripts/fixtures.sh

npm:
	bash scripts/build-npm.sh

demo-build:
	bash scripts/build-demo.sh

test-native:
	bash scripts/test.sh native

test-wasm: fixtures
	bash scripts/test.sh wasm

test-e2e: fixtures
	bash scripts/test.sh e2e

lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --workspace --target wasm32-unknown-unknown --locked -- -D warnings
	npm run typecheck
