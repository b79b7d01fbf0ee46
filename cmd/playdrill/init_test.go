package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/playbooks"
)

func TestInitWritesShippedPlaybook(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "team")
	out, stderr, code := run(t, "", []string{"init", dir})
	if code != 0 {
		t.Fatalf("init: exit %d, stderr %q", code, stderr)
	}
	names, _ := fs.Glob(playbooks.FS, "*.md")
	if len(names) < 2 {
		t.Fatalf("shipped playbook has %d files, want one per process", len(names))
	}
	for _, name := range names {
		path := filepath.Join(dir, name)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s not written: %v", name, err)
		}
		shipped, _ := fs.ReadFile(playbooks.FS, name)
		text := string(got)
		if !strings.Contains(text, "<!--") || !strings.Contains(text, "playdrill lint "+dir) {
			t.Errorf("%s lacks the how-to comment:\n%.400s", name, text)
		}
		// The comment comes after the front matter, which must stay first.
		if strings.HasPrefix(string(shipped), "---\n") && !strings.HasPrefix(text, "---\n") {
			t.Errorf("%s: front matter no longer on the first line", name)
		}
		if strings.Index(text, "<!--") > strings.Index(text, "\n# ") {
			t.Errorf("%s: how-to comment is not at the top", name)
		}
		// Apart from the comment the file is the shipped one.
		if stripHowTo(text) != string(shipped) {
			t.Errorf("%s differs from the shipped file beyond the comment", name)
		}
		if !strings.Contains(out, path) {
			t.Errorf("output %q does not name %s", out, path)
		}
	}
}

func TestInitDefaultFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if _, stderr, code := run(t, "", []string{"init"}); code != 0 {
		t.Fatalf("init: exit %d, stderr %q", code, stderr)
	}
	entries, err := os.ReadDir(filepath.Join(dir, defaultInitDir))
	if err != nil || len(entries) == 0 {
		t.Fatalf("init wrote nothing into ./%s: %v", defaultInitDir, err)
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	names, _ := fs.Glob(playbooks.FS, "*.md")
	last := filepath.Join(dir, names[len(names)-1])
	if err := os.WriteFile(last, []byte("my own work\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, "", []string{"init", dir})
	if code != exitFailure {
		t.Fatalf("init over an existing file: exit %d, want %d", code, exitFailure)
	}
	if !strings.Contains(stderr, last) || !strings.Contains(stderr, "exists") {
		t.Errorf("stderr %q does not name the existing file", stderr)
	}
	if got, _ := os.ReadFile(last); string(got) != "my own work\n" {
		t.Errorf("existing file was changed to %q", got)
	}
	// Nothing at all is written when one file is in the way.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("init wrote files despite refusing: %v", entries)
	}
}

func TestInitTwiceRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, _, code := run(t, "", []string{"init", dir}); code != 0 {
		t.Fatalf("first init: exit %d", code)
	}
	if _, stderr, code := run(t, "", []string{"init", dir}); code != exitFailure || !strings.Contains(stderr, "exists") {
		t.Fatalf("second init: exit %d, stderr %q", code, stderr)
	}
}

func TestInitFolderIsAFile(t *testing.T) {
	// A folder that cannot be made (here: its parent is a file) fails with
	// the path named, as an unwritable one would.
	parent := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(parent, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, "", []string{"init", filepath.Join(parent, "pb")})
	if code != exitFailure || !strings.Contains(stderr, "notes.txt") {
		t.Fatalf("init under a file: exit %d, stderr %q", code, stderr)
	}
}

func TestInitTooManyArgs(t *testing.T) {
	if _, _, code := run(t, "", []string{"init", "a", "b"}); code != exitUsage {
		t.Fatalf("init a b: exit %d, want %d", code, exitUsage)
	}
}

// stripHowTo removes the how-to comment (and the blank line init adds
// around it) from a written file.
func stripHowTo(text string) string {
	i := strings.Index(text, "<!--")
	j := strings.Index(text, "-->\n")
	if i < 0 || j < 0 {
		return text
	}
	before, after := text[:i], text[j+len("-->\n"):]
	if strings.HasPrefix(before, "---\n") {
		return strings.TrimSuffix(before, "\n") + after
	}
	return strings.TrimPrefix(after, "\n")
}
