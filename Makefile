# Every target installs what it needs: npm packages from the committed lockfile,
# Go modules through the module proxy.
SHELL := /bin/bash
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
GO ?= go
NPM ?= npm
CDK ?= node_modules/.bin/cdk
BACKEND ?= direct

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all run test lint build synth snapshot deploy destroy bench e2e clean

all: test

node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@# node_modules ships Go files (CDK init templates); a go.mod fences them off.
	@printf 'module nodemodules\n' > node_modules/go.mod
	@touch $@

## run: the API locally on http://127.0.0.1:8080/prod (dynalite data under .local/)
## (built, then exec'd: the go command of `go run` exits 1 on any Ctrl-C,
## so make would report an error after a clean stop)
run: node_modules/.package-lock.json
	@mkdir -p .local/bin
	$(GO) build -o .local/bin/localapi ./cmd/localapi
	exec .local/bin/localapi $(ARGS)

## test: vet, the suite with the race detector, the CDK synth tests, the benchmarks once
# The CDK tests run without -race: their Go side is a thin jsii client, and a
# race build of the CDK bindings alone takes many minutes on two cores.
test: node_modules/.package-lock.json
	$(GO) mod download
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 15m $$($(GO) list ./... | grep -v '/cdk')
	$(GO) test -count=1 -timeout 10m ./cdk/...
	$(GO) test -short -count=1 -run '^$$' -bench . -benchtime 1x ./bench/...

## lint: vet and staticcheck (not part of test: a cold staticcheck run over the
## CDK bindings takes minutes)
lint: node_modules/.package-lock.json
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

## build: the Lambda bundles, bootstrap for provided.al2023 on arm64, and their zips
LAMBDA_BUILD := CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w'
build:
	@mkdir -p dist/items dist/authorizer
	$(LAMBDA_BUILD) -o dist/items/bootstrap ./functions/items
	$(LAMBDA_BUILD) -o dist/authorizer/bootstrap ./functions/authorizer
	$(GO) run ./cmd/lambdazip -o dist/items.zip dist/items/bootstrap
	$(GO) run ./cmd/lambdazip -o dist/authorizer.zip dist/authorizer/bootstrap

## synth: the CloudFormation template into cdk.out (offline, no AWS account)
synth: node_modules/.package-lock.json build
	$(CDK) synth -q -c backend=$(BACKEND) $(ARGS)

## snapshot: rewrite cdk/snapshot/stack.template.json after changing the stack or templates
snapshot:
	UPDATE_SNAPSHOT=1 $(GO) test -count=1 -run TestSnapshot ./cdk/stack

## deploy: BACKEND=direct|lambda serves the plain routes; ARGS="-c retain=true" and more
deploy: node_modules/.package-lock.json build
	$(CDK) deploy --require-approval never -c backend=$(BACKEND) $(ARGS)

## destroy: cdk destroy synthesizes the app too, so it needs the bundles
destroy: node_modules/.package-lock.json build
	$(CDK) destroy --force $(ARGS)

## bench: both paths on the local API (or a deployed one with API_URL, API_KEY, ID_TOKEN),
## 5 runs, then bench/results/ (results.md, latency.svg, cost.svg, breakeven.svg)
bench: node_modules/.package-lock.json
	set -o pipefail; $(GO) test -run '^$$' -bench . -count 5 -timeout 60m ./bench/ | tee bench/results/bench.txt
	$(GO) run ./bench/cmd/report -in bench/results/bench.txt -out bench/results

## e2e: the black-box suite against the deployed stack (AWS credentials; STACK_NAME=ApigwDirect)
e2e:
	$(GO) test -tags e2e -count=1 -timeout 20m -run TestDeployed -v ./e2e/

clean:
	rm -rf dist cdk.out .local
