# Every target installs what it needs: npm packages from the committed lockfile,
# Go modules through the module proxy.
SHELL := /bin/bash
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 1
GO ?= go
NPM ?= npm

.PHONY: all run test test-short vet build synth deploy destroy bench e2e clean

all: test

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@# node_modules ships Go files (CDK init templates); a go.mod fences them off.
	@printf 'module nodemodules\n' > node_modules/go.mod
	@touch $@

## run: the API locally on http://127.0.0.1:8080/prod (dynalite data under .local/)
run: node_modules/.package-lock.json
	$(GO) run ./cmd/localapi $(ARGS)

## test: vet and the whole suite with the race detector
test: node_modules/.package-lock.json
	$(GO) mod download
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 15m ./...

## build: the Lambda bundles, bootstrap for provided.al2023 on arm64
build:
	@mkdir -p dist/items dist/authorizer
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w' -o dist/items/bootstrap ./functions/items
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w' -o dist/authorizer/bootstrap ./functions/authorizer

clean:
	rm -rf dist cdk.out .local
