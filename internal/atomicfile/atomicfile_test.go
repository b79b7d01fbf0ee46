package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// leftovers lists what is in dir besides want.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		keep := false
		for _, w := range want {
			keep = keep || e.Name() == w
		}
		if !keep {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestReplaceWritesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.jsonl")
	if err := Write(p, Replace, 0o600, writeString("one")); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, Replace, 0o600, writeString("two")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	if string(b) != "two" || info.Mode().Perm() != 0o600 {
		t.Fatalf("got %q mode %v, want two 0600", b, info.Mode().Perm())
	}
	if l := leftovers(t, dir, "out.jsonl"); len(l) != 0 {
		t.Fatalf("left behind %v", l)
	}
}

func TestCreateRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "backup.db")
	os.WriteFile(p, []byte("precious"), 0o600)
	err := Write(p, Create, 0o600, writeString("new"))
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), p) {
		t.Fatalf("err %v, want one naming %s that wraps fs.ErrExist", err, p)
	}
	// A file that appears while the new one is written is not replaced
	// either.
	q := filepath.Join(dir, "late.db")
	err = Write(q, Create, 0o600, func(w io.Writer) error {
		return os.WriteFile(q, []byte("late"), 0o600)
	})
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err %v, want fs.ErrExist", err)
	}
	for f, want := range map[string]string{p: "precious", q: "late"} {
		if b, _ := os.ReadFile(f); string(b) != want {
			t.Fatalf("%s holds %q, want %q", f, b, want)
		}
	}
	if l := leftovers(t, dir, "backup.db", "late.db"); len(l) != 0 {
		t.Fatalf("left behind %v", l)
	}
	if err := Write(filepath.Join(dir, "fresh"), Create, 0o644, writeString("x")); err != nil {
		t.Fatal(err)
	}
}

func TestFailedWriteChangesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	os.WriteFile(p, []byte("old"), 0o600)
	boom := errors.New("disk full")
	err := Write(p, Replace, 0o600, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want the writer's", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Fatalf("file holds %q after a failed write", b)
	}
	if l := leftovers(t, dir, "out.csv"); len(l) != 0 {
		t.Fatalf("left behind %v", l)
	}
}

func TestPlainErrorsForFoldersAndMissingFolders(t *testing.T) {
	dir := t.TempDir()
	for path, want := range map[string]string{
		dir:                                 "it is a folder",
		filepath.Join(dir, "nope", "x.csv"): "there is no folder",
	} {
		err := Write(path, Replace, 0o600, writeString("x"))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), ".tmp-") {
			t.Errorf("Write(%s) = %v, want %q", path, err, want)
		}
	}
}

func TestCommitTwiceAndAbortAfterCommit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	f, err := New(p, Create, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if err := f.Commit(); err == nil {
		t.Fatal("a second commit succeeded")
	}
	if b, _ := os.ReadFile(p); string(b) != "x" {
		t.Fatalf("file holds %q", b)
	}
}
