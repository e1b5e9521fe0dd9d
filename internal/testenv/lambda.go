package testenv

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BuildLambdas builds the packages the way `make build` does for Lambda
// (linux, arm64, no cgo, -tags lambda.norpc), in one go build so that shared
// dependencies compile once, and checks that each result is a static AArch64
// Linux executable, as provided.al2023 on arm64 runs it. It returns the
// binaries' paths, in the order of pkgs.
func BuildLambdas(t testing.TB, pkgs ...string) []string {
	t.Helper()
	out := t.TempDir()
	args := append([]string{"build", "-tags", "lambda.norpc", "-trimpath", "-o", out + string(filepath.Separator)}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("testenv: build %v for Lambda: %v\n%s", pkgs, err, b)
	}
	var bins []string
	for _, p := range pkgs {
		bin := filepath.Join(out, filepath.Base(p))
		checkLambdaBinary(t, bin)
		bins = append(bins, bin)
	}
	return bins
}

func checkLambdaBinary(t testing.TB, path string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatalf("testenv: %s is not an ELF executable: %v", path, err)
	}
	defer f.Close()
	if f.Machine != elf.EM_AARCH64 || f.Type != elf.ET_EXEC {
		t.Fatalf("testenv: %s: machine %v type %v, want an AArch64 executable", path, f.Machine, f.Type)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatalf("testenv: %s needs a dynamic loader; provided.al2023 wants a static binary (CGO_ENABLED=0)", path)
		}
	}
}

// BuildBootstrap builds the main package pkg (an import path or a ./dir
// relative to the test's package) for the host, as `-function` runs it
// locally, and returns the path of the binary, named bootstrap.
func BuildBootstrap(t testing.TB, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("testenv: build %s: %v\n%s", pkg, err, b)
	}
	return bin
}
