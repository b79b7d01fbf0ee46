package markdown

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// countingFS is a playbook folder on disk (DirFS) that counts the bytes
// Load reads from each file, and never lets it read anything but a regular
// file: the tests look at what Load read rather than at how long it took,
// and a Load that tried to read a device or a named pipe fails at once
// instead of blocking or streaming forever.
type countingFS struct {
	fs.FS
	t    *testing.T
	read map[string]int64
}

func newCountingFS(t *testing.T, dir string) *countingFS {
	return &countingFS{FS: DirFS(dir), t: t, read: map[string]int64{}}
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countedFile{File: f, name: name, fs: c}, nil
}

// total is every byte read so far.
func (c *countingFS) total() int64 {
	var n int64
	for _, b := range c.read {
		n += b
	}
	return n
}

type countedFile struct {
	fs.File
	name string
	fs   *countingFS
}

func (f *countedFile) Read(p []byte) (int, error) {
	info, err := f.File.Stat()
	if err != nil {
		return 0, err
	}
	if !info.Mode().IsRegular() {
		f.fs.t.Errorf("Load read from %s, which is not a regular file (%v)", f.name, info.Mode().Type())
		return 0, fmt.Errorf("%s is not a regular file", f.name)
	}
	if f.fs.total() > MaxPlaybookSize+1 {
		f.fs.t.Errorf("Load read on past the %d bytes a playbook may hold, in %s", MaxPlaybookSize, f.name)
		return 0, fmt.Errorf("%s: read past the playbook limit", f.name)
	}
	n, err := f.File.Read(p)
	f.fs.read[f.name] += int64(n)
	return n, err
}

// loadCounted loads root from dir on disk through a countingFS, and checks that no
// file was read past the per-file limit (and one byte to notice it).
func loadCounted(t *testing.T, dir, root string) ([]Diagnostic, *countingFS, error) {
	t.Helper()
	fsys := newCountingFS(t, dir)
	_, diags, err := Load(fsys, root)
	for name, n := range fsys.read {
		if n > MaxFileSize+1 {
			t.Errorf("Load read %d bytes of %s, past the %d a file may hold", n, name, MaxFileSize)
		}
	}
	return diags, fsys, err
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
				diags, fsys, err := loadCounted(t, dir, root)
				if err != nil {
					t.Fatalf("%s: %v", root, err)
				}
				wantRefused(t, diags, "x.md", what)
				if n := fsys.read["x.md"]; n != 0 {
					t.Errorf("%s: %d bytes read from %s", root, n, what)
				}
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
	diags, fsys, err := loadCounted(t, dir, "x.md")
	if err != nil || len(diags) > 0 {
		t.Fatalf("%v %v", err, diagStrings(diags))
	}
	if n := fsys.read["x.md"]; n != int64(len(head)) {
		t.Errorf("read %d bytes through the link, want the file's %d", n, len(head))
	}
}

func TestLoadRefusesFileOverSizeLimit(t *testing.T) {
	dir := folderWith(t)
	big := head + "```\n" + strings.Repeat("Some prose for the reader.\n", MaxFileSize/27+1) // a code block: cheap to parse
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(big), 0o600); err != nil {
		t.Fatal(err)
	}
	diags, _, err := loadCounted(t, dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	wantRefused(t, diags, "x.md", fmt.Sprintf("more than the %d MB a playbook file may hold", MaxFileSize>>20))
	// A file just under the limit is read.
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte(big[:MaxFileSize]), 0o600); err != nil {
		t.Fatal(err)
	}
	diags, fsys, err := loadCounted(t, dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Unsafe {
			t.Errorf("a file at the limit is refused: %v", d)
		}
	}
	if n := fsys.read["x.md"]; n != MaxFileSize {
		t.Errorf("read %d bytes of a file of %d", n, MaxFileSize)
	}
}

func TestLoadRefusesPlaybookOverSizeLimit(t *testing.T) {
	dir := t.TempDir()
	// The files are mostly one code block: what matters is their size, and
	// a code block is the cheapest markdown to parse.
	part := head + "```\n" + strings.Repeat("Some prose for the reader.\n", (MaxFileSize-len(head)-8)/27) + "```\n"
	n := MaxPlaybookSize/len(part) + 1
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.md", i)), []byte(strings.ReplaceAll(part, "# P", fmt.Sprintf("# P%d", i))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	diags, fsys, err := loadCounted(t, dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	wantRefused(t, diags, fmt.Sprintf("%02d.md", n-1), fmt.Sprintf("more than %d MB together", MaxPlaybookSize>>20))
	if total := fsys.total(); total > MaxPlaybookSize {
		t.Errorf("read %d bytes in all, past the %d a playbook may hold", total, MaxPlaybookSize)
	}
	if got := fsys.read[fmt.Sprintf("%02d.md", n-1)]; got != 0 {
		t.Errorf("read %d bytes of the file over the limit", got)
	}
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
