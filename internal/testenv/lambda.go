package testenv

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BuildLambda builds the package in dir the way `make build` does for
// Lambda (linux, arm64, no cgo, -tags lambda.norpc) and checks that the
// result is a static AArch64 Linux executable, as provided.al2023 on arm64
// runs it. It returns the binary's path.
func BuildLambda(t testing.TB, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("testenv: build %s for Lambda: %v\n%s", dir, err, b)
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatalf("testenv: %s is not an ELF executable: %v", out, err)
	}
	defer f.Close()
	if f.Machine != elf.EM_AARCH64 || f.Type != elf.ET_EXEC {
		t.Fatalf("testenv: built machine %v type %v, want AArch64 executable", f.Machine, f.Type)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("testenv: the binary needs a dynamic loader; Lambda's provided.al2023 wants a static one (CGO_ENABLED=0)")
		}
	}
	return out
}
