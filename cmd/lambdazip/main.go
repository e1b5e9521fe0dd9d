// Command lambdazip packs files into a Lambda deployment zip: each file at the
// archive's root, executable, with a fixed timestamp so that the same inputs
// give the same bytes (and so the same code hash on deploy).
//
//	lambdazip -o dist/items.zip dist/items/bootstrap
package main

import (
	"archive/zip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "lambdazip:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("lambdazip", flag.ContinueOnError)
	out := fs.String("o", "", "the zip file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() == 0 {
		return errors.New("usage: lambdazip -o out.zip file [file ...]")
	}
	return pack(*out, fs.Args())
}

// epoch is the timestamp of every entry: zip cannot store times before 1980.
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// pack writes files into a new zip at out, replacing it atomically.
func pack(out string, files []string) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".lambdazip-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	for _, f := range files {
		if err := add(zw, f); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return fmt.Errorf("finish %s: %w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	// CreateTemp makes the file private; a build artifact is readable by all.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", out, err)
	}
	return os.Rename(tmp.Name(), out)
}

func add(zw *zip.Writer, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer src.Close()
	h := &zip.FileHeader{Name: filepath.Base(path), Method: zip.Deflate, Modified: epoch}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("add %s: %w", path, err)
	}
	if _, err := io.Copy(w, src); err != nil {
		return fmt.Errorf("add %s: %w", path, err)
	}
	return nil
}
