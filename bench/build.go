package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// BuildLambdaBootstrap builds the Lambda main package pkg into
// dir/bootstrap exactly as `make build` does for AWS (linux/arm64, CGO off,
// lambda.norpc, -trimpath, stripped) and returns the file's size in bytes.
// It must run inside the module.
func BuildLambdaBootstrap(ctx context.Context, pkg, dir string) (int64, error) {
	out := filepath.Join(dir, "bootstrap")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("bench: go build %s for arm64: %w\n%s", pkg, err, msg)
	}
	fi, err := os.Stat(out)
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	return fi.Size(), nil
}
