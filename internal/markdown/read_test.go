package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadWithin loads root from dir on disk, failing the test when Load does
// not return within a few seconds (a read that never ends).
func loadWithin(t *testing.T, dir, root string) ([]Diagnostic, error) {
	t.Helper()
	type result struct {
		diags []Diagnostic
		err   error
	}
	done := make(chan result, 1)
	go func() {
		_, diags, err := Load(DirFS(dir), root)
		done <- result{diags, err}
	}()
	select {
	case r := <-done:
		return r.diags, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("loading %s did not finish", root)
		return nil, nil
	}
}

// wantRefused checks that name is refused with an error at its line 1
// saying what, and that the rest of the folder is still read.
func wantRefused(t *testing.T, diags []Diagnostic, name, what string) {
	t.Helper()
	for _, d := range diags {
		if d.Pos.File == name && d.Pos.Line == 1 && d.Severity == SevError && strings.Contains(d.Message, what) && d.Unsafe {
			return
		}
	}
	t.Errorf("no error for %s containing %q in %v", name, what, diagStrings(diags))
}

func folderWith(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(head), 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir)
}

func TestLoadReadsOnlyRegularFiles(t *testing.T) {
	cases := map[string]func(t *testing.T, path string){
		"a named pipe (FIFO)": func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		},
		"a device": func(t *testing.T, path string) {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Fatal(err)
			}
		},
		"a folder": func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Dir(path), path); err != nil {
				t.Fatal(err)
			}
		},
	}
	for what, make := range cases {
		t.Run(what, func(t *testing.T) {
			dir := folderWith(t)
			make(t, filepath.Join(dir, "x.md"))
			roots := []string{".", "x.md"}
			if what == "a folder" {
				roots = roots[:1] // a link to a folder given as the root is a folder playbook
			}
			for _, root := range roots {
				diags, err := loadWithin(t, dir, root)
				if err != nil {
					t.Fatalf("%s: %v", root, err)
				}
				wantRefused(t, diags, "x.md", what)
			}
		})
	}
}

// A link to a regular file is read like the file.
func TestLoadFollowsLinkToRegularFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "real.txt"), []byte(head), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", filepath.Join(dir, "x.md")); err != nil {
		t.Fatal(err)
	}
	diags, err := loadWithin(t, dir, "x.md")
	if err != nil || len(diags) > 0 {
		t.Fatalf("%v %v", err, diagStrings(diags))
	}
}

func TestLoadRefusesFileOverSizeLimit(t *testing.T) {
	dir := folderWith(t)
	big := head + strings.Repeat("Some prose for the reader.\n", MaxFileSize/27+1)
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	diags, err := loadWithin(t, dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	wantRefused(t, diags, "x.md", fmt.Sprintf("more than the %d MB a playbook file may hold", MaxFileSize>>20))
	// A file just under the limit is read.
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(big[:MaxFileSize]), 0o600); err != nil {
		t.Fatal(err)
	}
	diags, err = loadWithin(t, dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Unsafe {
			t.Errorf("a file at the limit is refused: %v", d)
		}
	}
}

func TestLoadRefusesPlaybookOverSizeLimit(t *testing.T) {
	dir := t.TempDir()
	part := head + strings.Repeat("Some prose for the reader.\n", (MaxFileSize-len(head))/27)
	n := MaxPlaybookSize/len(part) + 1
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.md", i)), []byte(strings.ReplaceAll(part, "# P", fmt.Sprintf("# P%d", i))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	diags, err := loadWithin(t, dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	wantRefused(t, diags, fmt.Sprintf("%02d.md", n-1), fmt.Sprintf("more than %d MB together", MaxPlaybookSize>>20))
	for _, d := range diags {
		if d.Unsafe && d.Pos.File != fmt.Sprintf("%02d.md", n-1) {
			t.Errorf("a file within the limit is refused: %v", d)
		}
	}
}

// ReadFile, which show uses for the source it renders, has the same checks.
func TestReadFileReadsOnlyBoundedRegularFiles(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.md")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(zero); err == nil || !strings.Contains(err.Error(), "a device") {
		t.Errorf("got %v, want an error saying it is a device", err)
	}
	fifo := filepath.Join(dir, "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := ReadFile(fifo); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("got %v, want an error saying it is a named pipe", err)
	}
}
