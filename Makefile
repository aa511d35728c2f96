# The two set-up commands: `make site` and `make test`. Both install what is
# missing (Debian packages, as root), build the generator and build the site.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps deps-test configure build site test test-unit test-browser test-sanitize test-fuzz \
        serve bench fuzz screenshots clean

all: site

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

configure:
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: deps configure
	@cmake --build $(BUILD) -j$(JOBS)

# Builds the shipped content into site/.
site: build
	./$(BUILD)/commonplace build

# Unit, integration, content and browser tests, the sanitizer build, then
# each libFuzzer target for a minute.
test: deps-test build site test-unit test-browser test-sanitize test-fuzz

test-unit:
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

test-browser: site
	@tests/browser/run.sh $(BUILD)

# Unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DCOMMONPLACE_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  COMMONPLACE_SKIP_LIBREOFFICE=1 ctest --test-dir $(BUILD)-asan --output-on-failure -j$(JOBS) -E 'search_test|schema_agreement'

# Live preview on http://127.0.0.1:8000/ with rebuild on change.
serve: build
	./$(BUILD)/commonplace serve

# 1,000 and 10,000 case studies three times each, 50,000 once (a few minutes).
bench: build
	@RUNS_50000=$${RUNS_50000:-1} bench/run.sh $(BUILD)

fuzz:
	@scripts/fuzz.sh

# Every fuzz target for 60 s (FUZZ_SECONDS), two at a time: what CI runs.
test-fuzz:
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-60} scripts/fuzz.sh

# Pictures of the main page types for the README (docs/screenshots/).
screenshots: site
	@tests/browser/run.sh $(BUILD) screenshots.mjs

clean:
	rm -rf $(BUILD) $(BUILD)-asan site
