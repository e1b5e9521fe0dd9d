package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestPackWritesAnExecutableAtTheRootReproducibly(t *testing.T) {
	dir := t.TempDir()
	boot := filepath.Join(dir, "nested", "bootstrap")
	if err := os.MkdirAll(filepath.Dir(boot), 0o755); err != nil {
		t.Fatal(err)
	}
	content := []byte("\x7fELF not really, but bytes all the same")
	if err := os.WriteFile(boot, content, 0o644); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	for _, out := range []string{a, b} {
		if err := run([]string{"-o", out, boot}); err != nil {
			t.Fatal(err)
		}
	}
	zr, err := zip.OpenReader(a)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != "bootstrap" {
		t.Fatalf("entries %v, want one named bootstrap at the root", zr.File)
	}
	if mode := zr.File[0].Mode(); mode.Perm()&0o111 == 0 {
		t.Fatalf("bootstrap mode %v is not executable: Lambda could not start it", mode)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, content) {
		t.Fatalf("content changed: %q", got)
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Fatal("two packs of the same file differ: the code hash would change on every build")
	}
}

func TestPackRefusesMissingInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.zip")
	if err := run([]string{"-o", out, filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Fatal("packed a file that does not exist")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("left a partial zip behind: %v", err)
	}
	if err := run(nil); err == nil {
		t.Fatal("accepted no arguments")
	}
}
